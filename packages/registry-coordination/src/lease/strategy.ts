import type { KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import { canonicalMicroTime } from './microtime';
import type { Lease, LeaseSpec } from './types';
import { validateLease } from './validation';

/**
 * strategy and preferredHolder belong to CoordinatedLeaderElection, an alpha gate that is off in
 * kube-apiserver 1.32: a create drops them, an update keeps them only where the stored lease had them.
 */
function dropGatedFields(spec: LeaseSpec, old?: LeaseSpec): void {
  if (old?.strategy === undefined) delete spec.strategy;
  if (old?.preferredHolder === undefined) delete spec.preferredHolder;
}

function canonicalizeTimes(spec: LeaseSpec): void {
  if (spec.acquireTime) spec.acquireTime = canonicalMicroTime(spec.acquireTime);
  if (spec.renewTime) spec.renewTime = canonicalMicroTime(spec.renewTime);
}

/**
 * Leases: PUT may create (client-go's leaselock relies on it only through create, but kube allows
 * it), and an update must carry the resourceVersion it read — the optimistic lock leader election is
 * built on.
 */
export const leaseStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => dropGatedFields(((obj as Lease).spec ??= {})),
  prepareForUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => dropGatedFields(((obj as Lease).spec ??= {}), (old as Lease).spec),
  validate: (_ctx: RequestContext, obj: KObject) => validateLease(obj as Lease),
  validateUpdate: (_ctx: RequestContext, obj: KObject) => validateLease(obj as Lease),
  canonicalize: (obj: KObject) => canonicalizeTimes(((obj as Lease).spec ??= {})),
  allowCreateOnUpdate: () => true,
  allowUnconditionalUpdate: () => false,
};
