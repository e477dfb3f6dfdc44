import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { endpointsStrategy } from './strategy';
import { endpointsTable } from './table';

export class EndpointsREST extends Store {
  shortNames(): string[] {
    return ['ep'];
  }
}

export function newEndpointsREST(optsGetter: RESTOptionsGetter): EndpointsREST {
  const resource = { group: '', resource: 'endpoints' };
  return new EndpointsREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'Endpoints' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'EndpointsList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'endpoints' },
    createStrategy: endpointsStrategy,
    updateStrategy: endpointsStrategy,
    deleteStrategy: endpointsStrategy,
    tableConvertor: endpointsTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
}
