import {
  FieldSelector,
  handlesOperations,
  isLister,
  LabelSelector,
  newAdmissionForbidden,
  type AdmissionPlugin,
  type Attributes,
  type KObject,
  type MutationInterface,
  type RequestContext,
  type StorageLookup,
  type ValidationInterface,
  type WantsStorageLookup,
} from '@kapi/apiserver-core';
import { validatePodLimits } from './constraints';
import { mutatePodLimits } from './defaults';

/**
 * LimitRanger (plugin/pkg/admission/limitranger): on pod creation, each LimitRange of the namespace
 * fills the containers' missing requests and limits (mutating) and the result must stay within
 * the ranges (validating, 403 with kube's messages). Pod updates are left alone, as kube leaves them:
 * containers' resources cannot change there. PersistentVolumeClaims are not checked yet.
 */
export class LimitRanger implements MutationInterface, ValidationInterface, WantsStorageLookup {
  readonly handles = handlesOperations('CREATE', 'UPDATE');
  private lookup?: StorageLookup;

  setStorageLookup(lookup: StorageLookup): void {
    this.lookup = lookup;
  }

  async admit(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (!supports(a) || !a.object) return;
    for (const lr of await this.limitRanges(a.namespace)) mutatePodLimits(lr, a.object);
  }

  async validate(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (!supports(a) || !a.object) return;
    const errs = (await this.limitRanges(a.namespace)).flatMap((lr) => validatePodLimits(lr, a.object!));
    // utilerrors.NewAggregate prints one error bare, several in brackets.
    if (errs.length) throw newAdmissionForbidden(a, errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
  }

  private async limitRanges(namespace: string): Promise<KObject[]> {
    const storage = this.lookup?.({ group: '', resource: 'limitranges' });
    if (!storage || !isLister(storage)) return [];
    const list = await storage.list({ namespace }, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything(), resourceVersion: '0' });
    return list.items as KObject[];
  }
}

/** SupportsAttributes: pods being created, no subresource. */
function supports(a: Attributes): boolean {
  return a.kind.group === '' && a.kind.kind === 'Pod' && a.subresource === '' && a.operation === 'CREATE';
}

export const limitRangerPlugin: AdmissionPlugin = { name: 'LimitRanger', newPlugin: () => new LimitRanger() };
