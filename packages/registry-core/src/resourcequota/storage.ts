import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { StatusREST } from '@kapi/apiserver-core';
import { resourceQuotaStatusStrategy, resourceQuotaStrategy, resourceQuotaTable } from './strategy';

export class ResourceQuotaREST extends Store {
  shortNames(): string[] {
    return ['quota'];
  }
}

export function newResourceQuotaStorage(optsGetter: RESTOptionsGetter): { quota: ResourceQuotaREST; status: StatusREST } {
  const resource = { group: '', resource: 'resourcequotas' };
  const quota = new ResourceQuotaREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'ResourceQuota' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'ResourceQuotaList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'resourcequota' },
    createStrategy: resourceQuotaStrategy,
    updateStrategy: resourceQuotaStrategy,
    deleteStrategy: resourceQuotaStrategy,
    tableConvertor: resourceQuotaTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
  return { quota, status: new StatusREST(quota.withStrategies({ updateStrategy: resourceQuotaStatusStrategy })) };
}
