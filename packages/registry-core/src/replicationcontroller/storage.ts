import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { StatusREST } from '@kapi/apiserver-core';
import type { ScaleREST } from '@kapi/apiserver-core';
import { newReplicationControllerScaleREST } from './scale';
import {
  replicationControllerAttrs, replicationControllerStatusStrategy, replicationControllerStrategy, replicationControllerTable,
} from './strategy';

export class ReplicationControllerREST extends Store {
  shortNames(): string[] {
    return ['rc'];
  }
  categories(): string[] {
    return ['all'];
  }
}

export interface ReplicationControllerStorage {
  controller: ReplicationControllerREST;
  status: StatusREST;
  scale: ScaleREST;
}

export function newReplicationControllerStorage(optsGetter: RESTOptionsGetter): ReplicationControllerStorage {
  const resource = { group: '', resource: 'replicationcontrollers' };
  const controller = new ReplicationControllerREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'ReplicationController' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'ReplicationControllerList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'replicationcontroller' },
    createStrategy: replicationControllerStrategy,
    updateStrategy: replicationControllerStrategy,
    deleteStrategy: replicationControllerStrategy,
    tableConvertor: replicationControllerTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource), attrFunc: replicationControllerAttrs });
  return {
    controller,
    status: new StatusREST(controller.withStrategies({ updateStrategy: replicationControllerStatusStrategy })),
    scale: newReplicationControllerScaleREST(controller),
  };
}
