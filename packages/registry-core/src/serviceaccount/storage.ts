import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { serviceAccountStrategy, serviceAccountTable } from './strategy';

export class ServiceAccountREST extends Store {
  shortNames(): string[] {
    return ['sa'];
  }
}

export function newServiceAccountREST(optsGetter: RESTOptionsGetter): ServiceAccountREST {
  const resource = { group: '', resource: 'serviceaccounts' };
  return new ServiceAccountREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'ServiceAccount' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'ServiceAccountList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'serviceaccount' },
    createStrategy: serviceAccountStrategy,
    updateStrategy: serviceAccountStrategy,
    deleteStrategy: serviceAccountStrategy,
    tableConvertor: serviceAccountTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
}
