import { field, Path, semanticEqual, type ErrorList } from '@kapi/apiserver-core';
import { validateCSIDriverName, validateQualifiedName } from '../common/validation';
import type { CSINode, CSINodeDriver } from './types';

// The strategy always allows the longer node ID (kube's AllowLongNodeID: true).
const maxNodeIDLength = 256;

function validateDriver(d: CSINodeDriver, names: Set<string>, path: Path): ErrorList {
  const errs = validateCSIDriverName(d.name, path.child('name'));
  const nodeID = d.nodeID ?? '';
  if (nodeID.length === 0) errs.push(field.required(path.child('nodeID'), ''));
  if (nodeID.length > maxNodeIDLength) errs.push(field.invalid(path.child('nodeID'), nodeID, `must be ${maxNodeIDLength} characters or less`));
  const count = d.allocatable?.count;
  if (count !== undefined && count < 0) errs.push(field.invalid(path.child('allocatable', 'count'), count, 'must be greater than or equal to 0'));
  if (names.has(d.name)) errs.push(field.duplicate(path.child('name'), d.name));
  names.add(d.name);
  const keys = new Set<string>();
  for (const key of d.topologyKeys ?? []) {
    if (key.length === 0) errs.push(field.required(path, ''));
    if (keys.has(key)) errs.push(field.duplicate(path, key));
    keys.add(key);
    errs.push(...validateQualifiedName(key, path));
  }
  return errs;
}

export function validateCSINode(n: CSINode): ErrorList {
  const names = new Set<string>();
  const path = Path.root('spec').child('drivers');
  return (n.spec?.drivers ?? []).flatMap((d, i) => validateDriver(d, names, path.index(i)));
}

/** ValidateCSINodeUpdate: a registered driver's entry is fixed; drivers may only come and go. */
export function validateCSINodeUpdate(n: CSINode, old: CSINode): ErrorList {
  const errs = validateCSINode(n);
  for (const oldDriver of old.spec?.drivers ?? []) {
    for (const d of n.spec?.drivers ?? []) {
      if (d.name === oldDriver.name && !semanticEqual(d, oldDriver)) errs.push(field.invalid(Path.root('CSINodeDriver'), d, 'field is immutable'));
    }
  }
  return errs;
}
