import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { secretAttrs, secretStrategy } from './strategy';
import { secretTable } from './table';

export class SecretREST extends Store {}

export function newSecretREST(optsGetter: RESTOptionsGetter): SecretREST {
  const resource = { group: '', resource: 'secrets' };
  return new SecretREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'Secret' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'SecretList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'secret' },
    createStrategy: secretStrategy,
    updateStrategy: secretStrategy,
    deleteStrategy: secretStrategy,
    tableConvertor: secretTable,
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource), attrFunc: secretAttrs });
}
