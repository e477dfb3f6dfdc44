import { field, Path, semanticEqual, type ErrorList } from '@kapi/apiserver-core';
import type { CSIDriver, CSIDriverSpec, TokenRequest } from './types';

const fsGroupPolicies = ['File', 'None', 'ReadWriteOnceWithFSType'];
const lifecycleModes = ['Persistent', 'Ephemeral'];
const minTokenSeconds = 10 * 60;
const maxTokenSeconds = 2 ** 32;

function validateTokenRequests(requests: TokenRequest[] | undefined, path: Path): ErrorList {
  const errs: ErrorList = [];
  const audiences = new Set<string>();
  (requests ?? []).forEach((r, i) => {
    const p = path.index(i);
    if (audiences.has(r.audience)) {
      errs.push(field.duplicate(p.child('audience'), r.audience));
      return;
    }
    audiences.add(r.audience);
    const s = r.expirationSeconds;
    if (s === undefined) return;
    if (s < minTokenSeconds) errs.push(field.invalid(p.child('expirationSeconds'), s, 'may not specify a duration less than 10 minutes'));
    if (s > maxTokenSeconds) errs.push(field.invalid(p.child('expirationSeconds'), s, 'may not specify a duration larger than 2^32 seconds'));
  });
  return errs;
}

/**
 * validateCSIDriverSpec. The booleans are required after defaulting; kube reports attachRequired
 * under the misspelt path "attachedRequired" and kubectl users see that name, so it is kept.
 */
function validateSpec(spec: CSIDriverSpec, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (spec.attachRequired === undefined) errs.push(field.required(path.child('attachedRequired'), ''));
  if (spec.podInfoOnMount === undefined) errs.push(field.required(path.child('podInfoOnMount'), ''));
  if (spec.storageCapacity === undefined) errs.push(field.required(path.child('storageCapacity'), ''));
  if (spec.fsGroupPolicy !== undefined && !fsGroupPolicies.includes(spec.fsGroupPolicy)) {
    errs.push(field.notSupported(path.child('fsGroupPolicy'), spec.fsGroupPolicy, fsGroupPolicies));
  }
  errs.push(...validateTokenRequests(spec.tokenRequests, path.child('tokenRequests')));
  for (const mode of spec.volumeLifecycleModes ?? []) {
    if (!lifecycleModes.includes(mode)) errs.push(field.notSupported(path.child('volumeLifecycleModes'), mode, lifecycleModes));
  }
  if (spec.seLinuxMount === undefined) errs.push(field.required(path.child('seLinuxMount'), ''));
  return errs;
}

export function validateCSIDriver(d: CSIDriver): ErrorList {
  return validateSpec(d.spec ?? {}, Path.root('spec'));
}

/** ValidateCSIDriverUpdate: whether a driver attaches and which lifecycles it serves are fixed at create. */
export function validateCSIDriverUpdate(d: CSIDriver, old: CSIDriver): ErrorList {
  const errs = validateCSIDriver(d);
  const spec = d.spec ?? {};
  const oldSpec = old.spec ?? {};
  const path = Path.root('spec');
  if (spec.attachRequired !== oldSpec.attachRequired) errs.push(field.invalid(path.child('attachedRequired'), spec.attachRequired ?? null, 'field is immutable'));
  if (!semanticEqual(spec.volumeLifecycleModes ?? null, oldSpec.volumeLifecycleModes ?? null)) {
    errs.push(field.invalid(path.child('volumeLifecycleModes'), spec.volumeLifecycleModes ?? null, 'field is immutable'));
  }
  return errs;
}
