import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { StatusREST } from '@kapi/apiserver-core';
import { persistentVolumeClaimStatusStrategy, persistentVolumeClaimStrategy, persistentVolumeClaimTable } from './strategy';

export class PersistentVolumeClaimREST extends Store {
  shortNames(): string[] {
    return ['pvc'];
  }
}

export function newPersistentVolumeClaimStorage(optsGetter: RESTOptionsGetter): { pvc: PersistentVolumeClaimREST; status: StatusREST } {
  const resource = { group: '', resource: 'persistentvolumeclaims' };
  const pvc = new PersistentVolumeClaimREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaimList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'persistentvolumeclaim' },
    createStrategy: persistentVolumeClaimStrategy,
    updateStrategy: persistentVolumeClaimStrategy,
    deleteStrategy: persistentVolumeClaimStrategy,
    tableConvertor: persistentVolumeClaimTable,
    returnDeletedObject: true,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
  return { pvc, status: new StatusREST(pvc.withStrategies({ updateStrategy: persistentVolumeClaimStatusStrategy })) };
}
