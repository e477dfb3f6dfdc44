import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { limitRangeStrategy, limitRangeTable } from './strategy';

export class LimitRangeREST extends Store {
  shortNames(): string[] {
    return ['limits'];
  }
}

export function newLimitRangeREST(optsGetter: RESTOptionsGetter): LimitRangeREST {
  const resource = { group: '', resource: 'limitranges' };
  return new LimitRangeREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'LimitRange' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'LimitRangeList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'limitrange' },
    createStrategy: limitRangeStrategy,
    updateStrategy: limitRangeStrategy,
    deleteStrategy: limitRangeStrategy,
    tableConvertor: limitRangeTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
}
