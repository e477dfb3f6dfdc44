import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { StatusREST } from '@kapi/apiserver-core';
import { persistentVolumeAttrs, persistentVolumeStatusStrategy, persistentVolumeStrategy, persistentVolumeTable } from './strategy';

export class PersistentVolumeREST extends Store {
  shortNames(): string[] {
    return ['pv'];
  }
}

export function newPersistentVolumeStorage(optsGetter: RESTOptionsGetter): { pv: PersistentVolumeREST; status: StatusREST } {
  const resource = { group: '', resource: 'persistentvolumes' };
  const pv = new PersistentVolumeREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'PersistentVolume' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'PersistentVolumeList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'persistentvolume' },
    createStrategy: persistentVolumeStrategy,
    updateStrategy: persistentVolumeStrategy,
    deleteStrategy: persistentVolumeStrategy,
    tableConvertor: persistentVolumeTable,
    returnDeletedObject: true,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource), attrFunc: persistentVolumeAttrs });
  return { pv, status: new StatusREST(pv.withStrategies({ updateStrategy: persistentVolumeStatusStrategy })) };
}
