import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { StatusREST } from '@kapi/apiserver-core';
import { daemonSetStatusStrategy, daemonSetStrategy } from './strategy';
import { daemonSetTable } from './table';

/** The daemonsets Store (pkg/registry/apps/daemonset/storage). */
export class DaemonSetREST extends Store {
  shortNames(): string[] {
    return ['ds'];
  }
  categories(): string[] {
    return ['all'];
  }
}

export interface DaemonSetStorage {
  daemonSet: DaemonSetREST;
  status: StatusREST;
}

export function newDaemonSetStorage(optsGetter: RESTOptionsGetter): DaemonSetStorage {
  const resource = { group: 'apps', resource: 'daemonsets' };
  const daemonSet = new DaemonSetREST({
    newFunc: () => ({ apiVersion: 'apps/v1', kind: 'DaemonSet' }),
    newListFunc: () => ({ apiVersion: 'apps/v1', kind: 'DaemonSetList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: 'apps', resource: 'daemonset' },
    createStrategy: daemonSetStrategy,
    updateStrategy: daemonSetStrategy,
    deleteStrategy: daemonSetStrategy,
    tableConvertor: daemonSetTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
  return {
    daemonSet,
    status: new StatusREST(daemonSet.withStrategies({ updateStrategy: daemonSetStatusStrategy, createStrategy: undefined })),
  };
}
