import { field, isDNS1123Label, Path, validateLabels, type ErrorList } from '@kapi/apiserver-core';
import { validateImmutable, validateResourceList, validateTolerations } from '@kapi/registry-core';
import type { RuntimeClass, Toleration } from './types';

type CoreTolerations = Parameters<typeof validateTolerations>[0];

/** ValidateRuntimeClass (metadata is the Store's): the handler is a DNS label the CRI knows it by. */
export function validateRuntimeClass(rc: RuntimeClass): ErrorList {
  const errs: ErrorList = [];
  const handler = rc.handler ?? '';
  for (const msg of isDNS1123Label(handler)) errs.push(field.invalid(Path.root('handler'), handler, msg));
  // kube checks the fixed overhead as a container's limits, and names the path so.
  if (rc.overhead) errs.push(...validateResourceList(rc.overhead.podFixed, Path.root('overhead').child('limits')));
  if (rc.scheduling) errs.push(...validateScheduling(rc.scheduling));
  return errs;
}

function validateScheduling(s: NonNullable<RuntimeClass['scheduling']>): ErrorList {
  const path = Path.root('scheduling');
  const errs = validateLabels(s.nodeSelector, path.child('nodeSelector'));
  const tolerations = s.tolerations ?? [];
  // kube's node validation adds "tolerations" twice to the path of a toleration's own errors.
  errs.push(...validateTolerations(tolerations as CoreTolerations, path.child('tolerations', 'tolerations')));
  const seen = new Set<string>();
  tolerations.forEach((t, i) => {
    const key = listKey(t);
    if (seen.has(key)) errs.push(field.duplicate(path.child('tolerations').index(i), t));
    seen.add(key);
  });
  return errs;
}

/** Two tolerations are the same entry when key, operator, value and effect are (tolerationSeconds aside). */
const listKey = (t: Toleration) => JSON.stringify([t.key ?? '', t.operator ?? '', t.value ?? '', t.effect ?? '']);

/** ValidateRuntimeClassUpdate: pods already run with the handler, so it may not change. */
export function validateRuntimeClassUpdate(rc: RuntimeClass, old: RuntimeClass): ErrorList {
  return [...validateRuntimeClass(rc), ...validateImmutable(rc.handler, old.handler, Path.root('handler'))];
}
