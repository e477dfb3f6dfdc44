import {
  ageColumn,
  ColumnTableConvertor,
  DefaultStrategy,
  defaultAttrs,
  field,
  keepStatusOnUpdate,
  nameColumn,
  Path,
  type Attrs,
  type ErrorList,
  type KObject,
  type RequestContext,
  type J,
} from '@kapi/apiserver-core';
import { validateEnum, validateResourceList } from '../validation/common';

export const accessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

const pvSources = [
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'hostPath',
  'glusterfs',
  'nfs',
  'rbd',
  'iscsi',
  'cinder',
  'cephfs',
  'fc',
  'flocker',
  'flexVolume',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'local',
  'storageos',
  'csi',
];

export function validateAccessModes(modes: unknown, path: Path): ErrorList {
  const list = (modes ?? []) as string[];
  if (list.length === 0) return [field.required(path, '')];
  const errs = list.flatMap((m, i) => (accessModes.includes(m) ? [] : [field.notSupported(path.index(i), m, accessModes)]));
  if (list.includes('ReadWriteOncePod') && list.length > 1) errs.push(field.forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

/** ValidatePersistentVolume: capacity.storage, access modes, exactly one volume source, policies. */
export function validatePersistentVolume(obj: KObject): ErrorList {
  const spec = (obj.spec ?? {}) as J;
  const p = Path.root('spec');
  const errs = validateAccessModes(spec.accessModes, p.child('accessModes'));
  if (!spec.capacity?.storage) errs.push(field.required(p.child('capacity'), ''));
  errs.push(...validateResourceList(spec.capacity, p.child('capacity')));
  const sources = pvSources.filter((s) => spec[s]);
  if (sources.length === 0) errs.push(field.required(p, 'must specify a volume type'));
  else if (sources.length > 1) errs.push(field.forbidden(p.child(sources[1]), 'may not specify more than 1 volume type'));
  if (spec.hostPath && !spec.hostPath.path) errs.push(field.required(p.child('hostPath', 'path'), ''));
  errs.push(...validateEnum(spec.persistentVolumeReclaimPolicy, p.child('persistentVolumeReclaimPolicy'), ['Delete', 'Recycle', 'Retain']));
  errs.push(...validateEnum(spec.volumeMode, p.child('volumeMode'), ['Block', 'Filesystem']));
  return errs;
}

/** pkg/registry/core/persistentvolume/strategy.go: cluster-scoped, phase Pending on create. */
export class PersistentVolumeStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'PersistentVolume' };
  namespaceScoped(): boolean {
    return false;
  }
  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    const spec = (obj.spec ??= {}) as J;
    spec.persistentVolumeReclaimPolicy ||= 'Retain';
    spec.volumeMode ||= 'Filesystem';
    obj.status = { phase: 'Pending' };
  }
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    const spec = (obj.spec ??= {}) as J;
    spec.persistentVolumeReclaimPolicy ||= 'Retain';
    spec.volumeMode ||= 'Filesystem';
    keepStatusOnUpdate(obj, old);
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validatePersistentVolume(obj);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    const errs = validatePersistentVolume(obj);
    if (((old.spec as J | undefined)?.volumeMode ?? 'Filesystem') !== ((obj.spec as J | undefined)?.volumeMode ?? 'Filesystem')) {
      errs.push(field.invalid(Path.root('spec').child('volumeMode'), (obj.spec as J).volumeMode, 'field is immutable'));
    }
    return errs;
  }
}

/** persistentvolumeStatusStrategy. */
export class PersistentVolumeStatusStrategy extends PersistentVolumeStrategy {
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    obj.spec = old.spec;
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    const phase = (obj.status as J | undefined)?.phase;
    return phase === undefined ? [] : validateEnum(phase, Path.root('status').child('phase'), ['Available', 'Bound', 'Failed', 'Pending', 'Released']);
  }
}

export const persistentVolumeStrategy = new PersistentVolumeStrategy();
export const persistentVolumeStatusStrategy = new PersistentVolumeStatusStrategy();

/** PersistentVolumes can be selected by name and status.phase. */
export function persistentVolumeAttrs(obj: KObject): Attrs {
  const attrs = defaultAttrs(obj);
  attrs.fields['status.phase'] = String((obj.status as J | undefined)?.phase ?? '');
  return attrs;
}

/** RWO, ROX, RWX, RWOP as kubectl abbreviates access modes. */
export function accessModesCell(modes: unknown): string {
  const abbrev: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
  return ((modes ?? []) as string[]).map((m) => abbrev[m] ?? m).join(',');
}

/** kubectl get pv: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE. */
export const persistentVolumeTable = new ColumnTableConvertor([
  nameColumn,
  {
    name: 'Capacity',
    description: "capacity is the description of the persistent volume's resources and capacity.",
    cell: (o) => String((o.spec as J | undefined)?.capacity?.storage ?? ''),
  },
  { name: 'Access Modes', description: 'accessModes contains all ways the volume can be mounted.', cell: (o) => accessModesCell((o.spec as J | undefined)?.accessModes) },
  {
    name: 'Reclaim Policy',
    description: 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.',
    cell: (o) => String((o.spec as J | undefined)?.persistentVolumeReclaimPolicy ?? ''),
  },
  {
    name: 'Status',
    description: 'phase indicates if a volume is available, bound to a claim, or released by a claim.',
    cell: (o) => String((o.status as J | undefined)?.phase ?? ''),
  },
  {
    name: 'Claim',
    description: 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.',
    cell: (o) => {
      const ref = (o.spec as J | undefined)?.claimRef;
      return ref ? `${ref.namespace}/${ref.name}` : '';
    },
  },
  {
    name: 'StorageClass',
    description: 'storageClassName is the name of StorageClass to which this persistent volume belongs.',
    cell: (o) => String((o.spec as J | undefined)?.storageClassName ?? ''),
  },
  {
    name: 'VolumeAttributesClass',
    description: 'Name of VolumeAttributesClass to which this persistent volume belongs.',
    cell: (o) => String((o.spec as J | undefined)?.volumeAttributesClassName ?? '<unset>'),
  },
  { name: 'Reason', description: 'reason is a brief CamelCase string that describes any failure.', cell: (o) => String((o.status as J | undefined)?.reason ?? '') },
  ageColumn,
  {
    name: 'VolumeMode',
    priority: 1,
    description: 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.',
    cell: (o) => String((o.spec as J | undefined)?.volumeMode ?? ''),
  },
]);
