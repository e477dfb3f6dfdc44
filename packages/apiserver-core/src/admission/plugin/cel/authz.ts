import type { UserInfo } from '../../../authentication/user';
import type { AuthorizationAttributes, AuthorizationResult, Authorizer } from '../../../authorization/authorizer';
import type { CelEnvironment } from '../../../cel/engine';

/**
 * The answers of one request's authorization checks (kube's caching authorizer). CEL runs
 * synchronously and kapi's authorizers answer asynchronously, so a check not yet answered is noted
 * as pending and answers no-opinion; the caller awaits the pending checks and evaluates again, when
 * every check is answered from here. An evaluation that left checks pending is discarded.
 */
export class AuthorizationSession {
  private readonly answers = new Map<string, AuthorizationResult>();
  private readonly pending = new Map<string, AuthorizationAttributes>();

  constructor(
    private readonly authorizer: Authorizer | undefined,
    readonly user: UserInfo | undefined,
  ) {}

  check(attrs: AuthorizationAttributes): AuthorizationResult {
    const key = JSON.stringify(attrs);
    const known = this.answers.get(key);
    if (known) return known;
    if (!this.authorizer) return { decision: 'NoOpinion', reason: '', evaluationError: 'no authorizer is configured' };
    this.pending.set(key, attrs);
    return { decision: 'NoOpinion', reason: '' };
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** Answers every pending check; an authorizer that fails answers with its error, as kube's Decision.error() shows. */
  async resolvePending(): Promise<void> {
    const work = [...this.pending].map(async ([key, attrs]) => {
      let result: AuthorizationResult;
      try {
        result = await this.authorizer!.authorize(attrs);
      } catch (err) {
        result = { decision: 'NoOpinion', reason: '', evaluationError: (err as Error).message };
      }
      this.answers.set(key, result);
    });
    this.pending.clear();
    await Promise.all(work);
  }
}

/** The request's own resource, for `authorizer.requestResource` (group, resource, subresource, namespace, name). */
export interface RequestResource {
  group: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

/**
 * The `authorizer` variable: checks as the request's user, or as a service account (serviceAccount()).
 * `requestResource` is the check of the request's own resource (kube's `authorizer.requestResource`).
 */
export class CELAuthorizer {
  readonly requestResource: ResourceCheck;

  constructor(
    readonly session: AuthorizationSession,
    readonly user: UserInfo | undefined,
    request: RequestResource = { group: '', resource: '', subresource: '', namespace: '', name: '' },
  ) {
    this.requestResource = new ResourceCheck(this, request.group, request.resource, request.subresource, request.namespace, request.name);
  }
}

class PathCheck {
  constructor(
    readonly authz: CELAuthorizer,
    readonly path: string,
  ) {}
}

class GroupCheck {
  constructor(
    readonly authz: CELAuthorizer,
    readonly group: string,
  ) {}
}

class ResourceCheck {
  constructor(
    readonly authz: CELAuthorizer,
    readonly group: string,
    readonly resource: string,
    readonly subresource = '',
    readonly namespace = '',
    readonly name = '',
  ) {}

  with(part: Partial<Pick<ResourceCheck, 'subresource' | 'namespace' | 'name'>>): ResourceCheck {
    return new ResourceCheck(this.authz, this.group, this.resource, part.subresource ?? this.subresource, part.namespace ?? this.namespace, part.name ?? this.name);
  }
}

class Decision {
  constructor(readonly result: AuthorizationResult) {}
}

const anonymous: UserInfo = { name: '', groups: [] };

function decide(authz: CELAuthorizer, attrs: Omit<AuthorizationAttributes, 'user'>): Decision {
  return new Decision(authz.session.check({ ...attrs, user: authz.user ?? anonymous }));
}

/**
 * Kubernetes' CEL authz library (k8s.io/apiserver/pkg/cel/library/authz.go): `authorizer.group('apps')
 * .resource('deployments').namespace('ns').name('x').check('update').allowed()`, `authorizer.path('/x')
 * .check('get')`, `authorizer.serviceAccount('ns', 'sa')`, and the Decision's allowed/reason/errored/error.
 */
export function registerAuthz(env: CelEnvironment): void {
  env.registerType('PathCheck', PathCheck);
  env.registerType('GroupCheck', GroupCheck);
  env.registerType('ResourceCheck', ResourceCheck);
  env.registerType('Decision', Decision);
  env.registerType('Authorizer', { ctor: CELAuthorizer, fields: { requestResource: 'ResourceCheck' } });
  env.registerFunction('Authorizer.path(string): PathCheck', (a: CELAuthorizer, p: string) => new PathCheck(a, p));
  env.registerFunction('Authorizer.group(string): GroupCheck', (a: CELAuthorizer, g: string) => new GroupCheck(a, g));
  env.registerFunction(
    'Authorizer.serviceAccount(string, string): Authorizer',
    (a: CELAuthorizer, ns: string, name: string) =>
      new CELAuthorizer(a.session, { name: `system:serviceaccount:${ns}:${name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`] }),
  );
  env.registerFunction('GroupCheck.resource(string): ResourceCheck', (g: GroupCheck, r: string) => new ResourceCheck(g.authz, g.group, r));
  env.registerFunction('ResourceCheck.subresource(string): ResourceCheck', (r: ResourceCheck, s: string) => r.with({ subresource: s }));
  env.registerFunction('ResourceCheck.namespace(string): ResourceCheck', (r: ResourceCheck, s: string) => r.with({ namespace: s }));
  env.registerFunction('ResourceCheck.name(string): ResourceCheck', (r: ResourceCheck, s: string) => r.with({ name: s }));
  env.registerFunction('ResourceCheck.check(string): Decision', (r: ResourceCheck, verb: string) =>
    decide(r.authz, {
      verb,
      resourceRequest: true,
      apiGroup: r.group,
      apiVersion: '*',
      resource: r.resource,
      subresource: r.subresource,
      namespace: r.namespace,
      name: r.name,
    }),
  );
  env.registerFunction('PathCheck.check(string): Decision', (p: PathCheck, verb: string) => decide(p.authz, { verb: verb.toLowerCase(), resourceRequest: false, path: p.path }));
  env.registerFunction('Decision.allowed(): bool', (d: Decision) => d.result.decision === 'Allow');
  env.registerFunction('Decision.reason(): string', (d: Decision) => d.result.reason);
  env.registerFunction('Decision.errored(): bool', (d: Decision) => !!d.result.evaluationError);
  env.registerFunction('Decision.error(): string', (d: Decision) => d.result.evaluationError ?? '');
}

/** The request's resource as `authorizer.requestResource` checks it. */
export function requestResourceOf(a: { resource: { group: string; resource: string }; subresource: string; namespace: string; name: string }): RequestResource {
  return { group: a.resource.group, resource: a.resource.resource, subresource: a.subresource, namespace: a.namespace, name: a.name };
}

/** kube's limit is the CEL cost; here, rounds of answering checks an evaluation found (each round answers all it found). */
const maxAuthorizationRounds = 8;

/**
 * Runs `evaluate` until it needs no check the session has not answered: an expression's checks
 * depend only on its inputs, so each round answers more of them and the last round is complete.
 */
export async function evaluateWithAuthorizer<T>(session: AuthorizationSession, evaluate: () => T): Promise<T> {
  let result = evaluate();
  for (let round = 0; session.hasPending && round < maxAuthorizationRounds; round++) {
    await session.resolvePending();
    result = evaluate();
  }
  return result;
}
