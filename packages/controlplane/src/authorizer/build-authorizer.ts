import {
  aggregateErrors,
  alwaysAllowAuthorizer,
  alwaysDenyAuthorizer,
  loadWebhookKubeconfig,
  privilegedGroupAuthorizer,
  unionAuthorizer,
  unionRuleResolver,
  WebhookAuthorizer,
  type Authorizer,
  type RuleResolver,
  type WebhookVersion,
} from '@kapi/apiserver-core';
import type { NodeGraphSource } from './node/graph';
import { NodeAuthorizer } from './node/node-authorizer';
import { validateAuthorizationOptions, type BuiltInAuthorizationOptions } from './options';

/** What the modes need from the rest of the control plane. */
export interface AuthorizerDeps {
  /**
   * The RBAC authorizer and rule resolver (rbac.authorization.k8s.io); `RBAC` cannot be chosen
   * without it. Called at the first decision, so it may resolve what the APIs install.
   */
  rbac?: () => Authorizer & RuleResolver;
  /** The Node authorizer's reads of pods, claims and volumes. */
  nodeGraph?: NodeGraphSource;
  /** Timeout and retries of the webhook (tests shorten them). */
  webhook?: Pick<ConstructorParameters<typeof WebhookAuthorizer>[0], 'timeoutMs' | 'backoff'>;
}

export interface BuiltAuthorizer {
  authorizer: Authorizer;
  ruleResolver: RuleResolver;
  /** Releases what the modes hold open (the webhook's connections). */
  close(): void;
}

/**
 * authorizer.Config.New (pkg/kubeapiserver/authorizer): the system:masters group first, then each
 * --authorization-mode in order, as one union; the rule resolvers of the modes likewise (the
 * privileged group lists no rules). Invalid options throw kube's validation errors, aggregated.
 */
export function buildAuthorizer(opts: BuiltInAuthorizationOptions, deps: AuthorizerDeps = {}): BuiltAuthorizer {
  const errs = validateAuthorizationOptions(opts);
  if (errs.length) throw new Error(aggregateErrors(errs));
  const authorizers: Authorizer[] = [privilegedGroupAuthorizer];
  const resolvers: RuleResolver[] = [];
  const closers: (() => void)[] = [];
  for (const mode of opts.modes) {
    const built = buildMode(mode, opts, deps);
    authorizers.push(built);
    resolvers.push(built);
    if (built instanceof WebhookAuthorizer) closers.push(() => built.close());
  }
  return { authorizer: unionAuthorizer(...authorizers), ruleResolver: unionRuleResolver(...resolvers), close: () => closers.forEach((c) => c()) };
}

function buildMode(mode: string, opts: BuiltInAuthorizationOptions, deps: AuthorizerDeps): Authorizer & RuleResolver {
  switch (mode) {
    case 'AlwaysAllow':
      return alwaysAllowAuthorizer;
    case 'AlwaysDeny':
      return alwaysDenyAuthorizer;
    case 'Node':
      if (!deps.nodeGraph) throw new Error('authorization-mode Node needs the core API group (pods, persistent volumes)');
      return new NodeAuthorizer(deps.nodeGraph);
    case 'RBAC':
      if (!deps.rbac) throw new Error('authorization-mode RBAC needs the rbac.authorization.k8s.io API group, which is not installed');
      return lazily(deps.rbac);
    case 'Webhook':
      return new WebhookAuthorizer({
        client: opts.webhookClient ?? loadWebhookKubeconfig(opts.webhookConfigFile!),
        version: opts.webhookVersion as WebhookVersion,
        authorizedTTLMs: opts.webhookCacheAuthorizedTTLMs,
        unauthorizedTTLMs: opts.webhookCacheUnauthorizedTTLMs,
        ...deps.webhook,
      });
    default:
      throw new Error(`unknown authorization mode ${JSON.stringify(mode)} specified`);
  }
}

/** An authorizer made at its first use: the chain is built before the stores it reads are installed. */
function lazily(factory: () => Authorizer & RuleResolver): Authorizer & RuleResolver {
  let built: (Authorizer & RuleResolver) | undefined;
  const get = () => (built ??= factory());
  return {
    authorize: (attrs) => get().authorize(attrs),
    rulesFor: (user, namespace) => get().rulesFor(user, namespace),
  };
}
