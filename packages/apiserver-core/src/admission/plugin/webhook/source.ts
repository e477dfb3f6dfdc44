import { LabelSelector } from '../../../labels/selector';
import { FieldSelector } from '../../../fields/selector';
import { isGetter, isLister } from '../../../rest/interfaces';
import type { KObject } from '../../../runtime/object';
import type { Attributes } from '../../attributes';
import type { StorageLookup } from '../../initializer';
import { newAdmissionForbidden } from '../../errors';
import { admissionRequestValue, objectValues } from '../cel/activation';
import { compileExpression, matchConditionEnvironment, type CompiledExpression } from '../cel/environment';
import { AuthorizationSession, CELAuthorizer, evaluateWithAuthorizer, requestResourceOf } from '../cel/authz';
import { evaluateMatchConditions, runExpression } from '../cel/match-conditions';
import type { Authorizer } from '../../../authorization/authorizer';
import { objectSelectorMatches, ruleMatches, selectorMatches } from './matching';
import { webhooksOfConfiguration, type LabelSelectorSpec, type WebhookAccessor } from './types';
import type { EquivalentResourceMapper } from '../../equivalent-resources';

const group = 'admissionregistration.k8s.io';

/** Requests on the admission configuration itself never go to webhooks or policies, so a bad one cannot lock itself in. */
const exemptResources = new Set(['validatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings']);

/** rules.IsExemptAdmissionConfigurationResource. */
export function isExemptAdmissionConfigurationResource(a: Attributes): boolean {
  return a.resource.group === group && exemptResources.has(a.resource.resource);
}

/** The admissionregistration objects of one resource, sorted by name, from the watch cache (kube's configuration managers). */
export async function listAdmissionConfigurations(lookup: StorageLookup | undefined, resource: string): Promise<KObject[]> {
  const storage = lookup?.({ group, resource });
  if (!storage || !isLister(storage)) return [];
  const list = await storage.list({}, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything(), resourceVersion: '0' });
  return [...(list.items as KObject[])].sort((x, y) => (x.metadata?.name ?? '').localeCompare(y.metadata?.name ?? ''));
}

/** The namespace of a request, from the watch cache; undefined when it does not exist. */
export async function getNamespace(lookup: StorageLookup | undefined, name: string): Promise<KObject | undefined> {
  const namespaces = lookup?.({ group: '', resource: 'namespaces' });
  if (!namespaces || !isGetter(namespaces)) return undefined;
  return namespaces.get({}, name, { resourceVersion: '0' }).catch(() => undefined);
}

/** namespace.Matcher: cluster-scoped requests always match; a namespace matches by its own labels. */
export async function namespaceSelectorMatches(lookup: StorageLookup | undefined, sel: LabelSelectorSpec | undefined, a: Attributes): Promise<boolean> {
  if (!sel || (!sel.matchLabels && !sel.matchExpressions?.length)) return true;
  if (a.resource.group === '' && a.resource.resource === 'namespaces') return selectorMatches(sel, (a.object ?? a.oldObject)?.metadata?.labels);
  if (!a.namespace) return true;
  const ns = await getNamespace(lookup, a.namespace);
  return ns !== undefined && selectorMatches(sel, ns.metadata?.labels);
}

/**
 * The webhooks of one kind of configuration that apply to a request: configurations sorted by name
 * (as kube's configuration manager sorts them), read from the watch cache on each request.
 */
export class WebhookSource {
  private lookup?: StorageLookup;
  private authorizer?: Authorizer;
  private equivalents?: EquivalentResourceMapper;

  /** Compiled matchConditions by expression: configurations are read per request, compiling is not. */
  private readonly programs = new Map<string, CompiledExpression>();

  constructor(private readonly resource: 'mutatingwebhookconfigurations' | 'validatingwebhookconfigurations') {}

  setStorageLookup(lookup: StorageLookup): void {
    this.lookup = lookup;
  }

  setAuthorizer(authorizer: Authorizer): void {
    this.authorizer = authorizer;
  }

  setEquivalentResourceMapper(mapper: EquivalentResourceMapper): void {
    this.equivalents = mapper;
  }

  async matching(a: Attributes): Promise<WebhookAccessor[]> {
    if (isExemptAdmissionConfigurationResource(a)) return [];
    const configs = await listAdmissionConfigurations(this.lookup, this.resource);
    const candidates = configs
      .flatMap(webhooksOfConfiguration)
      .flatMap((h) => this.invocation(h, a))
      .filter((h) => objectSelectorMatches(h.objectSelector, a));
    const out: WebhookAccessor[] = [];
    const session = new AuthorizationSession(this.authorizer, a.userInfo);
    for (const h of candidates) {
      if ((await namespaceSelectorMatches(this.lookup, h.namespaceSelector, a)) && (await this.conditionsMatch(h, a, session))) out.push(h);
    }
    return out;
  }

  /**
   * generic.Webhook.ShouldCallHook's rule matching: the request's own resource, else (matchPolicy
   * Equivalent, the default) the first other version of the same stored resource a rule names — the
   * webhook is then called in that version, its objects converted.
   */
  private invocation(h: WebhookAccessor, a: Attributes): WebhookAccessor[] {
    if (h.rules.some((r) => ruleMatches(r, a))) return [h];
    if (h.matchPolicy === 'Exact' || !this.equivalents) return [];
    const requested = this.equivalents(a.resource).find((e) => e.resource.group === a.resource.group && e.resource.version === a.resource.version);
    if (!requested) return [];
    for (const eq of this.equivalents(a.resource)) {
      if (eq === requested) continue;
      const override: Attributes = { ...a, resource: eq.resource, kind: eq.kind };
      if (!h.rules.some((r) => ruleMatches(r, override))) continue;
      return [
        {
          ...h,
          invocation: {
            resource: eq.resource,
            kind: eq.kind,
            toHook: (o) => eq.fromStorage(requested.toStorage(o)),
            fromHook: (o) => requested.fromStorage(eq.toStorage(o)),
          },
        },
      ];
    }
    return [];
  }

  /**
   * The webhook's matchConditions (CEL over object, oldObject and request): a false one skips the
   * webhook; an error fails the request closed with a Forbidden unless the failure policy is Ignore.
   */
  private async conditionsMatch(h: WebhookAccessor, a: Attributes, session: AuthorizationSession): Promise<boolean> {
    const conditions = (h.matchConditions ?? []) as { name?: string; expression?: string }[];
    if (!conditions.length) return true;
    const compiled = conditions.map((c) => ({ name: c.name ?? '', expression: this.compile(c.expression ?? '') }));
    const activation = { ...objectValues(a), request: admissionRequestValue(a), authorizer: new CELAuthorizer(session, a.userInfo, requestResourceOf(a)) };
    const result = await evaluateWithAuthorizer(session, () => evaluateMatchConditions(compiled, h.failurePolicy, (c) => runExpression(c, activation)));
    if (result.error) throw newAdmissionForbidden(a, result.error);
    return result.matches;
  }

  private compile(expression: string): CompiledExpression {
    let c = this.programs.get(expression);
    if (!c) {
      if (this.programs.size >= 1000) this.programs.clear();
      this.programs.set(expression, (c = compileExpression(expression, matchConditionEnvironment(), 'bool')));
    }
    return c;
  }
}
