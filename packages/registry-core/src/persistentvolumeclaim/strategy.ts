import {
  ageColumn,
  ColumnTableConvertor,
  DefaultStrategy,
  field,
  keepStatusOnUpdate,
  nameColumn,
  Path,
  semanticEqual,
  type ErrorList,
  type KObject,
  type RequestContext,
  type J,
} from '@kapi/apiserver-core';
import { accessModesCell, validateAccessModes } from '../persistentvolume/strategy';
import { validateEnum, validateResourceList } from '../validation/common';
import { parseQuantity } from '../validation/quantity';

/** ValidatePersistentVolumeClaim: access modes and a storage request are required. */
export function validatePersistentVolumeClaim(obj: KObject): ErrorList {
  const spec = (obj.spec ?? {}) as J;
  const p = Path.root('spec');
  const errs = validateAccessModes(spec.accessModes, p.child('accessModes'));
  if (!spec.resources?.requests?.storage) errs.push(field.required(p.child('resources').key('storage'), ''));
  errs.push(...validateResourceList(spec.resources?.requests, p.child('resources', 'requests')));
  errs.push(...validateResourceList(spec.resources?.limits, p.child('resources', 'limits')));
  errs.push(...validateEnum(spec.volumeMode, p.child('volumeMode'), ['Block', 'Filesystem']));
  return errs;
}

/** ValidatePersistentVolumeClaimUpdate: the spec is immutable but for a larger storage request and binding a volume. */
export function validatePersistentVolumeClaimUpdate(obj: KObject, old: KObject): ErrorList {
  const spec = structuredClone((obj.spec ?? {}) as J);
  const oldSpec = structuredClone((old.spec ?? {}) as J);
  const errs: ErrorList = [];
  const newSize = parseQuantity(spec.resources?.requests?.storage);
  const oldSize = parseQuantity(oldSpec.resources?.requests?.storage);
  if (newSize !== undefined && oldSize !== undefined && newSize < oldSize) {
    errs.push(field.forbidden(Path.root('spec').child('resources', 'requests', 'storage'), 'field can not be less than status.capacity'));
  }
  for (const s of [spec, oldSpec]) {
    if (s.resources?.requests) delete s.resources.requests.storage;
  }
  if (!oldSpec.volumeName) delete spec.volumeName;
  delete oldSpec.volumeName;
  if (!semanticEqual({ ...spec, volumeName: undefined }, { ...oldSpec, volumeName: undefined })) {
    errs.push(field.forbidden(Path.root('spec'), 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  }
  return errs;
}

/** pkg/registry/core/persistentvolumeclaim/strategy.go: phase Pending on create, status kept on update. */
export class PersistentVolumeClaimStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'PersistentVolumeClaim' };
  namespaceScoped(): boolean {
    return true;
  }
  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    ((obj.spec ??= {}) as J).volumeMode ||= 'Filesystem';
    obj.status = { phase: 'Pending' };
  }
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    ((obj.spec ??= {}) as J).volumeMode ||= 'Filesystem';
    keepStatusOnUpdate(obj, old);
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validatePersistentVolumeClaim(obj);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return [...validatePersistentVolumeClaim(obj), ...validatePersistentVolumeClaimUpdate(obj, old)];
  }
}

/** persistentvolumeclaimStatusStrategy. */
export class PersistentVolumeClaimStatusStrategy extends PersistentVolumeClaimStrategy {
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    obj.spec = old.spec;
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    const phase = (obj.status as J | undefined)?.phase;
    return phase === undefined ? [] : validateEnum(phase, Path.root('status').child('phase'), ['Bound', 'Lost', 'Pending']);
  }
}

export const persistentVolumeClaimStrategy = new PersistentVolumeClaimStrategy();
export const persistentVolumeClaimStatusStrategy = new PersistentVolumeClaimStatusStrategy();

/** kubectl get pvc: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE. */
export const persistentVolumeClaimTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Status', description: 'phase represents the current phase of PersistentVolumeClaim.', cell: (o) => String((o.status as J | undefined)?.phase ?? '') },
  {
    name: 'Volume',
    description: 'volumeName is the binding reference to the PersistentVolume backing this claim.',
    cell: (o) => String((o.spec as J | undefined)?.volumeName ?? ''),
  },
  {
    name: 'Capacity',
    description: 'capacity represents the actual resources of the underlying volume.',
    cell: (o) => String((o.status as J | undefined)?.capacity?.storage ?? ''),
  },
  {
    name: 'Access Modes',
    description: 'accessModes contains the actual access modes the volume backing the PVC has.',
    cell: (o) => accessModesCell((o.status as J | undefined)?.accessModes),
  },
  {
    name: 'StorageClass',
    description: 'storageClassName is the name of the StorageClass required by the claim.',
    cell: (o) => String((o.spec as J | undefined)?.storageClassName ?? ''),
  },
  {
    name: 'VolumeAttributesClass',
    description: 'volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim.',
    cell: (o) => String((o.spec as J | undefined)?.volumeAttributesClassName ?? '<unset>'),
  },
  ageColumn,
  {
    name: 'VolumeMode',
    priority: 1,
    description: 'volumeMode defines what type of volume is required by the claim.',
    cell: (o) => String((o.spec as J | undefined)?.volumeMode ?? ''),
  },
]);
