import {
  addWarning,
  handlesOperations,
  isGetter,
  newAdmissionForbidden,
  semanticEqual,
  type AdmissionPlugin,
  type Attributes,
  type RequestContext,
  type StorageLookup,
  type ValidationInterface,
  type WantsStorageLookup,
} from '@kapi/apiserver-core';
import { evaluatePod, forbiddenDetail, type Level, type PodSpec } from './checks';

const prefix = 'pod-security.kubernetes.io/';
const levels = new Set<Level>(['privileged', 'baseline', 'restricted']);

interface ModePolicy {
  level: Level;
  version: string;
}

/** api.PolicyToEvaluate for one mode: `<mode>` and `<mode>-version` labels; unset or unknown levels are privileged here. */
function policyOf(labels: Record<string, string>, mode: 'enforce' | 'audit' | 'warn'): ModePolicy {
  const level = labels[`${prefix}${mode}`] as Level | undefined;
  return { level: level && levels.has(level) ? level : 'privileged', version: labels[`${prefix}${mode}-version`] || 'latest' };
}

const policyString = (p: ModePolicy) => `${p.level}:${p.version}`;

/**
 * PodSecurity (k8s.io/pod-security-admission): a namespace's enforce, audit and warn labels hold its
 * pods to the privileged, baseline or restricted standard — enforce refuses the pod (403 with kube's
 * "violates PodSecurity" message), warn returns a Warning, audit annotates the audit event. Pods only
 * (workload templates are not warned about yet); every version label is evaluated as latest.
 */
export class PodSecurity implements ValidationInterface, WantsStorageLookup {
  readonly handles = handlesOperations('CREATE', 'UPDATE');
  private lookup?: StorageLookup;

  setStorageLookup(lookup: StorageLookup): void {
    this.lookup = lookup;
  }

  async validate(ctx: RequestContext, a: Attributes): Promise<void> {
    if (a.resource.group !== '' || a.resource.resource !== 'pods' || !a.object || !['', 'ephemeralcontainers'].includes(a.subresource)) return;
    const spec = (a.object.spec ?? {}) as PodSpec;
    // A metadata-only update is not re-evaluated (isSignificantPodUpdate).
    if (a.operation === 'UPDATE' && a.oldObject && semanticEqual(a.oldObject.spec, a.object.spec)) return;
    const labels = await this.namespaceLabels(a.namespace);
    const enforce = policyOf(labels, 'enforce');
    const failed = evaluatePod(enforce.level, spec);
    ctx.addAuditAnnotations?.({ [`${prefix}enforce-policy`]: policyString(enforce) });
    // The audit annotation is recorded whether or not enforce refuses the pod; warnings only for a pod that is let in.
    const audit = policyOf(labels, 'audit');
    const auditFailed = evaluatePod(audit.level, spec);
    if (auditFailed.length) {
      ctx.addAuditAnnotations?.({ [`${prefix}audit-violations`]: `would violate PodSecurity "${policyString(audit)}": ${forbiddenDetail(auditFailed)}` });
    }
    if (failed.length) throw newAdmissionForbidden(a, `violates PodSecurity "${policyString(enforce)}": ${forbiddenDetail(failed)}`);
    const warn = policyOf(labels, 'warn');
    const warnFailed = evaluatePod(warn.level, spec);
    if (warnFailed.length) addWarning(ctx, `would violate PodSecurity "${policyString(warn)}": ${forbiddenDetail(warnFailed)}`);
  }

  private async namespaceLabels(namespace: string): Promise<Record<string, string>> {
    const namespaces = this.lookup?.({ group: '', resource: 'namespaces' });
    if (!namespace || !namespaces || !isGetter(namespaces)) return {};
    const ns = await namespaces.get({}, namespace, { resourceVersion: '0' }).catch(() => undefined);
    return (ns?.metadata?.labels ?? {}) as Record<string, string>;
  }
}

export const podSecurityPlugin: AdmissionPlugin = { name: 'PodSecurity', newPlugin: () => new PodSecurity() };
