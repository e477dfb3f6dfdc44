import { newForbidden, StatusError } from '../../../../api/errors';
import type { StatusReason } from '../../../../api/errors/status';
import { addWarning, type RequestContext } from '../../../../rest/context';
import { groupResourceOf, nameOf, type Attributes } from '../../../attributes';
import type { StorageLookup } from '../../../initializer';
import { admissionRequestValue, namespaceObjectValue, objectValues, toCELValue } from '../../cel/activation';
import { AuthorizationSession, CELAuthorizer, evaluateWithAuthorizer, requestResourceOf } from '../../cel/authz';
import type { Authorizer } from '../../../../authorization/authorizer';
import { getNamespace } from '../../webhook/source';
import { matchResources } from './matching';
import type { EquivalentResourceMapper } from '../../../equivalent-resources';
import { collectParams } from './params';
import type { PolicyHook } from './source';
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from './types';
import { validatePolicy, type PolicyAuditAnnotation, type PolicyDecision } from './validator';

interface DeniedDecision {
  policy: ValidatingAdmissionPolicy;
  binding?: ValidatingAdmissionPolicyBinding;
  message: string;
  reason?: string;
}

/** An audit annotation value is cut at 10 KiB (maxAuditAnnotationValueLength). */
const maxAuditAnnotationValueLength = 10 * 1024;

/**
 * validating.dispatcher.Dispatch: every policy that matches the request, with each of its bindings
 * that matches too, once per param; a failed validation is acted on as the binding's
 * validationActions say (Deny refuses the request, Warn adds a warning, Audit an audit annotation).
 * The first refusal is the answer.
 */
export async function dispatchPolicies(
  ctx: RequestContext,
  hooks: readonly PolicyHook[],
  a: Attributes,
  lookup: StorageLookup | undefined,
  authorizer: Authorizer | undefined,
  equivalents?: EquivalentResourceMapper,
): Promise<void> {
  const denied: DeniedDecision[] = [];
  const addConfigError = (policy: ValidatingAdmissionPolicy, binding: ValidatingAdmissionPolicyBinding | undefined, err: string) => {
    if (policy.spec?.failurePolicy === 'Ignore') return;
    denied.push({ policy, binding, message: `${binding ? 'failed to configure binding' : 'failed to configure policy'}: ${err}` });
  };
  // One caching authorizer per request, as kube's dispatcher makes one (admissionauthorizer.NewCachingAuthorizer).
  const session = new AuthorizationSession(authorizer, a.userInfo);
  const celAuthorizer = new CELAuthorizer(session, a.userInfo, requestResourceOf(a));
  for (const hook of hooks) {
    const { policy } = hook;
    const matched = await matchResources(lookup, policy.spec?.matchConstraints, a, equivalents);
    if (!matched) continue;
    const values = lazyRequestValues(matched, a, lookup);
    if (hook.configurationError) {
      addConfigError(policy, undefined, hook.configurationError);
      continue;
    }
    const annotations = new Map<string, string[]>();
    for (const binding of hook.bindings) {
      if (!(await matchResources(lookup, binding.spec?.matchResources, a, equivalents))) continue;
      let params;
      try {
        params = await collectParams(lookup, policy.spec?.paramKind, hook.paramMapping, binding.spec?.paramRef, a.namespace);
      } catch (err) {
        addConfigError(policy, binding, (err as Error).message);
        continue;
      }
      if (!params.length) continue;
      const base = await values();
      for (const param of params) {
        const input = { ...base, params: param ? toCELValue(param) : null, authorizer: celAuthorizer };
        const result = await evaluateWithAuthorizer(session, () => validatePolicy(hook.compiled, policy.spec?.failurePolicy ?? 'Fail', input));
        result.decisions.forEach((d, i) => act(ctx, policy, binding, d, i, denied));
        collectAuditAnnotations(result.auditAnnotations, annotations, (message) => denied.push({ policy, binding, message }));
      }
    }
    // auditAnnotationCollector.publish: `<policy>/<key>`, distinct values of several bindings joined.
    if (annotations.size) ctx.addAuditAnnotations?.(Object.fromEntries([...annotations].map(([k, v]) => [`${policy.metadata?.name}/${k}`, v.join(', ')])));
  }
  if (denied.length) throw deniedError(a, denied[0]);
}

/**
 * auditAnnotationCollector.add: published values by key, each distinct value once (several bindings
 * may give several); an annotation whose expression failed under failurePolicy Fail is a refusal.
 */
function collectAuditAnnotations(results: readonly PolicyAuditAnnotation[], annotations: Map<string, string[]>, refuse: (message: string) => void): void {
  for (const an of results) {
    if (an.action === 'publish') {
      const list = annotations.get(an.key) ?? [];
      const value = (an.value ?? '').slice(0, maxAuditAnnotationValueLength);
      if (!list.includes(value)) annotations.set(an.key, [...list, value]);
    } else if (an.action === 'error') {
      refuse(an.error ?? '');
    }
  }
}

/** What one failed (or erroring) validation does under the binding's validationActions. */
function act(ctx: RequestContext, policy: ValidatingAdmissionPolicy, binding: ValidatingAdmissionPolicyBinding, d: PolicyDecision, index: number, denied: DeniedDecision[]): void {
  if (d.action !== 'deny') return;
  const actions = binding.spec?.validationActions ?? [];
  for (const action of actions) {
    switch (action) {
      case 'Deny':
        denied.push({ policy, binding, message: d.message, reason: d.reason });
        break;
      case 'Warn':
        addWarning(ctx, `Validation failed for ValidatingAdmissionPolicy '${policy.metadata?.name}' with binding '${binding.metadata?.name}': ${d.message}`);
        break;
      case 'Audit':
        ctx.addAuditAnnotations?.({
          'validation.policy.admission.k8s.io/validation_failure': JSON.stringify([
            {
              message: d.message,
              policy: binding.spec?.policyName ?? '',
              binding: binding.metadata?.name ?? '',
              expressionIndex: index,
              validationActions: actions,
            },
          ]),
        });
        break;
    }
  }
}

const reasonCodes: Record<string, number> = { Forbidden: 403, Unauthorized: 401, RequestEntityTooLarge: 413, Invalid: 422 };

/** The Status of a refusal: admission.NewForbidden's message, with the validation's reason and its code. */
function deniedError(a: Attributes, d: DeniedDecision): StatusError {
  const message = d.binding
    ? `ValidatingAdmissionPolicy '${d.policy.metadata?.name}' with binding '${d.binding.metadata?.name}' denied request: ${d.message}`
    : `ValidatingAdmissionPolicy '${d.policy.metadata?.name}' denied request: ${d.message}`;
  const forbidden = newForbidden(groupResourceOf(a), nameOf(a), message);
  const reason = (d.reason || 'Invalid') as StatusReason;
  return new StatusError(reasonCodes[reason] ?? 422, reason, forbidden.message, { ...forbidden.details, causes: [{ message }] });
}

/**
 * object, oldObject, request and namespaceObject, built once per policy and only when a binding
 * matched: `a` is the request in the version the policy matched, `requested` the client's.
 */
function lazyRequestValues(a: Attributes, requested: Attributes, lookup: StorageLookup | undefined) {
  let values: Promise<{ object: unknown; oldObject: unknown; request: unknown; namespaceObject: unknown }> | undefined;
  return () =>
    (values ??= (async () => {
      // The namespace object of a Namespace request is not itself (kube unsets it for namespaces).
      const isNamespace = a.kind.group === '' && a.kind.version === 'v1' && a.kind.kind === 'Namespace';
      const ns = a.namespace && !isNamespace ? await getNamespace(lookup, a.namespace) : undefined;
      return { ...objectValues(a), request: admissionRequestValue(a, requested), namespaceObject: namespaceObjectValue(ns) };
    })());
}
