import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { StatusREST } from '@kapi/apiserver-core';
import type { ScaleREST } from '@kapi/apiserver-core';
import { newWorkloadScaleREST } from '../common/scale-rest';
import { replicaSetStatusStrategy, replicaSetStrategy } from './strategy';
import { replicaSetTable } from './table';

/** The replicasets Store (pkg/registry/apps/replicaset/storage). */
export class ReplicaSetREST extends Store {
  shortNames(): string[] {
    return ['rs'];
  }
  categories(): string[] {
    return ['all'];
  }
}

export interface ReplicaSetStorage {
  replicaSet: ReplicaSetREST;
  status: StatusREST;
  scale: ScaleREST;
}

export function newReplicaSetStorage(optsGetter: RESTOptionsGetter): ReplicaSetStorage {
  const resource = { group: 'apps', resource: 'replicasets' };
  const replicaSet = new ReplicaSetREST({
    newFunc: () => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet' }),
    newListFunc: () => ({ apiVersion: 'apps/v1', kind: 'ReplicaSetList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: 'apps', resource: 'replicaset' },
    createStrategy: replicaSetStrategy,
    updateStrategy: replicaSetStrategy,
    deleteStrategy: replicaSetStrategy,
    tableConvertor: replicaSetTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
  return {
    replicaSet,
    status: new StatusREST(replicaSet.withStrategies({ updateStrategy: replicaSetStatusStrategy, createStrategy: undefined })),
    scale: newWorkloadScaleREST(replicaSet),
  };
}
