import { ColumnTableConvertor, nameColumn, type KObject, type RequestContext, type ResourceDefinition } from '@kapi/apiserver-core';
import type { CSIStorageCapacity } from './types';
import { csiStorageCapacityWarnings, validateCSIStorageCapacity, validateCSIStorageCapacityUpdate } from './validation';

const capacity = (o: KObject) => o as CSIStorageCapacity;

/** storage.k8s.io/v1 csistoragecapacities: namespaced (they live with the driver that publishes them). */
export const csiStorageCapacityDefinition: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'CSIStorageCapacity',
  plural: 'csistoragecapacities',
  scope: 'Namespaced',
  strategy: {
    validate: (_ctx: RequestContext, obj: KObject) => validateCSIStorageCapacity(capacity(obj)),
    validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => validateCSIStorageCapacityUpdate(capacity(obj), capacity(old)),
    allowUnconditionalUpdate: () => false,
    warningsOnCreate: (_ctx: RequestContext, obj: KObject) => csiStorageCapacityWarnings(capacity(obj)),
    warningsOnUpdate: (_ctx: RequestContext, obj: KObject) => csiStorageCapacityWarnings(capacity(obj)),
  },
  // kubectl get csistoragecapacities: NAME STORAGECLASSNAME CAPACITY — kube's printer has no AGE here.
  table: new ColumnTableConvertor([
    nameColumn,
    { name: 'StorageClassName', description: 'The storage class the capacity is for.', cell: (o) => capacity(o).storageClassName ?? '' },
    { name: 'Capacity', description: 'The capacity left for new volumes.', cell: (o) => capacity(o).capacity ?? '<unset>' },
  ]),
};
