import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { podTemplateStrategy, podTemplateTable } from './strategy';

export class PodTemplateREST extends Store {}

export function newPodTemplateREST(optsGetter: RESTOptionsGetter): PodTemplateREST {
  const resource = { group: '', resource: 'podtemplates' };
  return new PodTemplateREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'PodTemplate' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'PodTemplateList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'podtemplate' },
    createStrategy: podTemplateStrategy,
    updateStrategy: podTemplateStrategy,
    deleteStrategy: podTemplateStrategy,
    tableConvertor: podTemplateTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource) });
}
