import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { StatusREST } from '@kapi/apiserver-core';
import type { ScaleREST } from '@kapi/apiserver-core';
import { newWorkloadScaleREST } from '../common/scale-rest';
import { statefulSetStatusStrategy, statefulSetStrategy } from './strategy';
import { statefulSetTable } from './table';

/** The statefulsets Store (pkg/registry/apps/statefulset/storage). */
export class StatefulSetREST extends Store {
  shortNames(): string[] {
    return ['sts'];
  }
  categories(): string[] {
    return ['all'];
  }
}

export interface StatefulSetStorage {
  statefulSet: StatefulSetREST;
  status: StatusREST;
  scale: ScaleREST;
}

export function newStatefulSetStorage(optsGetter: RESTOptionsGetter): StatefulSetStorage {
  const resource = { group: 'apps', resource: 'statefulsets' };
  const statefulSet = new StatefulSetREST({
    newFunc: () => ({ apiVersion: 'apps/v1', kind: 'StatefulSet' }),
    newListFunc: () => ({ apiVersion: 'apps/v1', kind: 'StatefulSetList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: 'apps', resource: 'statefulset' },
    createStrategy: statefulSetStrategy,
    updateStrategy: statefulSetStrategy,
    deleteStrategy: statefulSetStrategy,
    tableConvertor: statefulSetTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
  return {
    statefulSet,
    status: new StatusREST(statefulSet.withStrategies({ updateStrategy: statefulSetStatusStrategy, createStrategy: undefined })),
    scale: newWorkloadScaleREST(statefulSet),
  };
}
