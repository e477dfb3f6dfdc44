import { ageColumn, ColumnTableConvertor, nameColumn, type KObject, type TableColumn } from '@kapi/apiserver-core';
import type { StorageClass } from './types';

const defaultClassAnnotations = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

/** IsDefaultAnnotation: the GA or the beta annotation set to "true". */
export function isDefaultClass(obj: KObject): boolean {
  const annotations = obj.metadata?.annotations ?? {};
  return defaultClassAnnotations.some((a) => annotations[a] === 'true');
}

/** The NAME cell marks the default class, as printStorageClass does. */
const classNameColumn: TableColumn = {
  ...nameColumn,
  cell: (o) => `${o.metadata?.name ?? ''}${isDefaultClass(o) ? ' (default)' : ''}`,
};

const sc = (o: KObject) => o as StorageClass;

/** kubectl get sc: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE. */
export const storageClassTable = new ColumnTableConvertor([
  classNameColumn,
  { name: 'Provisioner', description: 'The volume plugin that provisions volumes of this class.', cell: (o) => sc(o).provisioner ?? '' },
  { name: 'ReclaimPolicy', description: 'What happens to a provisioned volume when its claim goes.', cell: (o) => sc(o).reclaimPolicy ?? 'Delete' },
  { name: 'VolumeBindingMode', description: 'When claims of this class are provisioned and bound.', cell: (o) => sc(o).volumeBindingMode ?? 'Immediate' },
  // Declared "string" by kube's printer although the cell is a boolean; kubectl prints "false"/"true".
  { name: 'AllowVolumeExpansion', description: 'Whether claims of this class may grow.', cell: (o) => sc(o).allowVolumeExpansion ?? false },
  ageColumn,
]);
