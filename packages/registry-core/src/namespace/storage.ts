import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { namespaceAttrs, namespaceStrategy } from './strategy';
import { namespaceTable } from './table';

export class NamespaceREST extends Store {
  shortNames(): string[] {
    return ['ns'];
  }
}

export function newNamespaceREST(optsGetter: RESTOptionsGetter): NamespaceREST {
  const resource = { group: '', resource: 'namespaces' };
  return new NamespaceREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'Namespace' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'NamespaceList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'namespace' },
    createStrategy: namespaceStrategy,
    updateStrategy: namespaceStrategy,
    deleteStrategy: namespaceStrategy,
    tableConvertor: namespaceTable,
    returnDeletedObject: true,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource), attrFunc: namespaceAttrs });
}
