import { field, Path, type ErrorList } from '@kapi/apiserver-core';
import type { Lease } from './types';

/** ValidateLeaseSpec of pkg/apis/coordination/validation; object meta is checked by the Store. */
export function validateLease(lease: Lease): ErrorList {
  const errs: ErrorList = [];
  const spec = lease.spec ?? {};
  const path = Path.root('spec');
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errs.push(field.invalid(path.child('leaseDurationSeconds'), spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
    errs.push(field.invalid(path.child('leaseTransitions'), spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (spec.preferredHolder && !spec.strategy) {
    errs.push(field.forbidden(path.child('preferredHolder'), 'may only be specified if `strategy` is defined'));
  }
  return errs;
}
