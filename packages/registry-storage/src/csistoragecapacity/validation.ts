import { field, isDNS1123Subdomain, Path, semanticEqual, type ErrorList } from '@kapi/apiserver-core';
import { validateLabelSelector } from '@kapi/registry-apps';
import { nodeLabelDeprecatedMessage, parseQuantity, quantityFormatMessage } from '@kapi/registry-core';
import type { CSIStorageCapacity } from './types';

export function validateCSIStorageCapacity(c: CSIStorageCapacity): ErrorList {
  const errs: ErrorList = c.nodeTopology ? validateLabelSelector(c.nodeTopology, Path.root('nodeTopology')) : [];
  const className = c.storageClassName ?? '';
  for (const m of isDNS1123Subdomain(className)) errs.push(field.invalid(Path.root('storageClassName'), className, m));
  if (c.capacity !== undefined) {
    const value = parseQuantity(c.capacity);
    // kube refuses a malformed quantity while decoding; kapi reports it with the same text.
    if (value === undefined) errs.push(field.invalid(Path.root('capacity'), c.capacity, quantityFormatMessage));
    else if (value < 0) errs.push(field.invalid(Path.root('capacity'), c.capacity, 'must be greater than or equal to 0'));
  }
  if (c.maximumVolumeSize !== undefined && parseQuantity(c.maximumVolumeSize) === undefined) {
    errs.push(field.invalid(Path.root('maximumVolumeSize'), c.maximumVolumeSize, quantityFormatMessage));
  }
  return errs;
}

/** ValidateCSIStorageCapacityUpdate: the inputs of the driver's GetCapacity call are fixed. */
export function validateCSIStorageCapacityUpdate(c: CSIStorageCapacity, old: CSIStorageCapacity): ErrorList {
  const errs = validateCSIStorageCapacity(c);
  if (!semanticEqual(c.nodeTopology ?? null, old.nodeTopology ?? null)) errs.push(field.invalid(Path.root('nodeTopology'), c.nodeTopology ?? null, 'field is immutable'));
  if (c.storageClassName !== old.storageClassName) errs.push(field.invalid(Path.root('storageClassName'), c.storageClassName ?? '', 'field is immutable'));
  return errs;
}

/** GetWarningsForCSIStorageCapacity: node topology keys that are deprecated node labels. */
export function csiStorageCapacityWarnings(c: CSIStorageCapacity): string[] {
  const path = Path.root('nodeTopology');
  const warnings: string[] = [];
  (c.nodeTopology?.matchExpressions ?? []).forEach((e, i) => {
    const message = nodeLabelDeprecatedMessage(e.key);
    if (message) warnings.push(`${path.child('matchExpressions').index(i).child('key')}: ${e.key} is ${message}`);
  });
  for (const key of Object.keys(c.nodeTopology?.matchLabels ?? {})) {
    const message = nodeLabelDeprecatedMessage(key);
    if (message) warnings.push(`${path.child('matchLabels').child(key)}: ${message}`);
  }
  return warnings;
}
