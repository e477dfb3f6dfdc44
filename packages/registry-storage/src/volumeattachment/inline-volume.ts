import { field, type ErrorList, type Path } from '@kapi/apiserver-core';
import { validateAccessModes } from '@kapi/registry-core';
import { validateCSIDriverName } from '../common/validation';

export interface InlineVolumeSpec {
  claimRef?: unknown;
  capacity?: Record<string, unknown>;
  csi?: { driver?: string; volumeHandle?: string };
  accessModes?: string[];
  persistentVolumeReclaimPolicy?: string;
  nodeAffinity?: unknown;
}

const inlineOnly = 'may not be specified in the context of inline volumes';
/** The members of a PersistentVolumeSpec that are not a volume source. */
const nonSourceFields = new Set([
  'capacity',
  'accessModes',
  'claimRef',
  'persistentVolumeReclaimPolicy',
  'storageClassName',
  'mountOptions',
  'volumeMode',
  'nodeAffinity',
  'volumeAttributesClassName',
]);

/**
 * ValidatePersistentVolumeSpec for an inline volume (a migrated in-tree volume of a pod): only a
 * CSI source, no claim, capacity or node affinity, reclaimed by Retain.
 */
export function validateInlineVolumeSpec(spec: InlineVolumeSpec, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (spec.claimRef !== undefined) errs.push(field.forbidden(path.child('claimRef'), inlineOnly));
  if (Object.keys(spec.capacity ?? {}).length) errs.push(field.forbidden(path.child('capacity'), inlineOnly));
  if (!spec.csi) errs.push(field.required(path.child('csi'), 'has to be specified in the context of inline volumes'));
  errs.push(...validateAccessModes(spec.accessModes, path.child('accessModes')));
  if (spec.persistentVolumeReclaimPolicy && spec.persistentVolumeReclaimPolicy !== 'Retain') {
    errs.push(field.forbidden(path.child('persistentVolumeReclaimPolicy'), 'may only be Retain in the context of inline volumes'));
  }
  if (spec.nodeAffinity !== undefined) errs.push(field.forbidden(path.child('nodeAffinity'), inlineOnly));
  if (spec.csi) {
    errs.push(...validateCSIDriverName(spec.csi.driver, path.child('csi', 'driver')));
    if (!spec.csi.volumeHandle) errs.push(field.required(path.child('csi', 'volumeHandle'), ''));
  }
  if (!Object.keys(spec).some((k) => !nonSourceFields.has(k))) errs.push(field.required(path, 'must specify a volume type'));
  return errs;
}
