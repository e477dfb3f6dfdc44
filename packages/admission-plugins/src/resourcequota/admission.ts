import {
  FieldSelector,
  handlesOperations,
  isLister,
  isUpdater,
  LabelSelector,
  newAdmissionForbidden,
  type AdmissionPlugin,
  type Attributes,
  type KObject,
  type RequestContext,
  type StorageLookup,
  type ValidationInterface,
  type WantsStorageLookup,
} from '@kapi/apiserver-core';
import { parseQuantity } from '@kapi/registry-core';
import { countedResource, formatQuantity, isChargedPod, isComputeKey, podCompute, podDeclares } from './usage';

type Usage = Record<string, number>;

/**
 * ResourceQuota (apiserver/pkg/admission/plugin/resourcequota): a create in a namespace with quotas
 * is charged against them — object counts (`pods`, `count/<resource>[.<group>]`, the core shorthands)
 * and pods' cpu/memory requests and limits. Past a hard limit the create is refused with kube's
 * "exceeded quota" message; otherwise the quotas' status (hard, used) is written, recomputed from
 * the namespace's objects — kapi has no quota controller, so admission keeps the status current on
 * creates and deletes. Extended resources, storage requests, scopes and scope selectors are not charged yet.
 */
export class ResourceQuota implements ValidationInterface, WantsStorageLookup {
  readonly handles = handlesOperations('CREATE', 'DELETE');
  private lookup?: StorageLookup;

  setStorageLookup(lookup: StorageLookup): void {
    this.lookup = lookup;
  }

  async validate(ctx: RequestContext, a: Attributes): Promise<void> {
    if (!a.namespace || a.subresource !== '') return;
    const quotas = await this.list({ group: '', resource: 'resourcequotas' }, a.namespace);
    for (const quota of quotas) {
      const hard = (quota.spec as { hard?: Record<string, string> } | undefined)?.hard ?? {};
      const keys = Object.keys(hard).filter((k) => this.charges(k, a));
      if (keys.length === 0) continue;
      // A delete: what the namespace uses without the object, counted afresh — not the stored usage
      // minus its charge, which a repeated delete of the same object (a kubelet's confirmation racing
      // another, the second one a 404) would subtract twice.
      const used = await this.usage(keys, a.namespace, a.operation === 'DELETE' ? a.name : undefined);
      const requested = a.operation === 'CREATE' ? this.requested(keys, a) : {};
      if (a.operation === 'CREATE') this.check(a, quota, hard, keys, used, requested);
      if (a.dryRun) continue;
      const after = Object.fromEntries(Object.entries(used).map(([k, v]) => [k, v + (requested[k] ?? 0)]));
      await this.writeStatus(ctx, quota, hard, after);
    }
  }

  /** Whether the request is charged to a quota key: a count of its resource, or pod compute for a pod. */
  private charges(key: string, a: Attributes): boolean {
    const counted = countedResource(key);
    if (counted) return counted.group === a.resource.group && counted.resource === a.resource.resource;
    return isComputeKey(key) && a.resource.group === '' && a.resource.resource === 'pods';
  }

  private charge(key: string, obj: KObject | undefined): number {
    if (!obj) return 0;
    if (countedResource(key)) return obj.kind === 'Pod' && !isChargedPod(obj) ? 0 : 1;
    return isChargedPod(obj) ? podCompute(obj, key) : 0;
  }

  private requested(keys: string[], a: Attributes): Usage {
    return Object.fromEntries(keys.map((k) => [k, this.charge(k, a.object)]));
  }

  /** quotaEvaluator.checkRequest: a pod must declare what a compute quota limits; no key may go past hard. */
  private check(a: Attributes, quota: KObject, hard: Record<string, string>, keys: string[], used: Usage, requested: Usage): void {
    const name = quota.metadata?.name ?? '';
    // The pod evaluator's Constraints: each container names what a cpu/memory quota limits.
    const missing = keys
      .filter((k) => isComputeKey(k))
      .sort()
      .map((k) => [k, a.object ? podDeclares(a.object, k).sort() : []] as const)
      .filter(([, cs]) => cs.length);
    if (missing.length) {
      throw newAdmissionForbidden(a, `failed quota: ${name}: must specify ${missing.map(([k, cs]) => `${k} for: ${cs.join(',')}`).join('; ')}`);
    }
    const failed = keys.filter((k) => used[k] + requested[k] > (parseQuantity(hard[k]) ?? Infinity));
    if (failed.length === 0) return;
    const pretty = (f: (k: string) => string) =>
      failed
        .sort()
        .map((k) => `${k}=${f(k)}`)
        .join(',');
    throw newAdmissionForbidden(
      a,
      `exceeded quota: ${name}, requested: ${pretty((k) => formatQuantity(k, requested[k]))}, used: ${pretty((k) => formatQuantity(k, used[k]))}, limited: ${pretty((k) => hard[k])}`,
    );
  }

  /** What the namespace uses now, from its objects (a live list: the watch cache may not have the last write yet), but `without`. */
  private async usage(keys: string[], namespace: string, without?: string): Promise<Usage> {
    const out: Usage = {};
    for (const key of keys) {
      const counted = countedResource(key);
      const items = await this.list(counted ?? { group: '', resource: 'pods' }, namespace, true);
      out[key] = items.filter((o) => without === undefined || o.metadata?.name !== without).reduce((sum, o) => sum + this.charge(key, o), 0);
    }
    return out;
  }

  private async writeStatus(ctx: RequestContext, quota: KObject, hard: Record<string, string>, used: Usage): Promise<void> {
    const status = this.lookup?.({ group: '', resource: 'resourcequotas/status' });
    if (!status || !isUpdater(status)) return;
    const name = quota.metadata?.name ?? '';
    const usedText = Object.fromEntries(Object.entries(used).map(([k, v]) => [k, formatQuantity(k, Math.max(v, 0))]));
    await status
      .update(
        { ...ctx, namespace: quota.metadata?.namespace },
        name,
        {
          preconditions: () => undefined,
          updatedObject: async (_c, cur) => ({ ...cur!, status: { hard: { ...hard }, used: { ...((cur?.status as { used?: object } | undefined)?.used ?? {}), ...usedText } } }),
        },
        undefined,
        undefined,
        false,
        {},
      )
      .catch(() => undefined);
  }

  private async list(gr: { group: string; resource: string }, namespace: string, live = false): Promise<KObject[]> {
    const storage = this.lookup?.(gr);
    if (!storage || !isLister(storage)) return [];
    const list = await storage.list(
      { namespace },
      { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything(), ...(live ? {} : { resourceVersion: '0' }) },
    );
    return list.items as KObject[];
  }
}

export const resourceQuotaPlugin: AdmissionPlugin = { name: 'ResourceQuota', newPlugin: () => new ResourceQuota() };
