import { newBadRequest, type KObject, type RequestContext, type StrategyHooks } from '@kapi/apiserver-core';
import { canonicalMicroTime, microTimeParseError } from './microtime';
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

/** A MicroTime kube could not decode fails the request as kube's decoder fails it: 400, before any validation. */
function checkTimes(spec: LeaseSpec): void {
  for (const value of [spec.acquireTime, spec.renewTime]) {
    const err = value === undefined ? undefined : microTimeParseError(value);
    if (err) throw newBadRequest(`Lease in version "v1" cannot be handled as a Lease: ${err}`);
  }
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
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => {
    const spec = ((obj as Lease).spec ??= {});
    checkTimes(spec);
    dropGatedFields(spec);
  },
  prepareForUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => {
    const spec = ((obj as Lease).spec ??= {});
    checkTimes(spec);
    dropGatedFields(spec, (old as Lease).spec);
  },
  validate: (_ctx: RequestContext, obj: KObject) => validateLease(obj as Lease),
  validateUpdate: (_ctx: RequestContext, obj: KObject) => validateLease(obj as Lease),
  canonicalize: (obj: KObject) => canonicalizeTimes(((obj as Lease).spec ??= {})),
  allowCreateOnUpdate: () => true,
  allowUnconditionalUpdate: () => false,
};
