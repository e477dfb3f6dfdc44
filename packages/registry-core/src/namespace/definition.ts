import { StatusREST, type ResourceDefinition } from '@kapi/apiserver-core';
import { namespaceSchema } from './schema';
import { NamespaceREST, shouldDeleteNamespaceDuringUpdate } from './storage';
import { namespaceAttrs, namespaceFinalizeStrategy, namespaceStatusStrategy, namespaceStrategy } from './strategy';
import { namespaceTable } from './table';

/** v1 namespaces (pkg/registry/core/namespace/storage): deletion through Terminating, /status and /finalize. */
export const namespaceDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  scope: 'Cluster',
  shortNames: ['ns'],
  strategy: namespaceStrategy,
  status: namespaceStatusStrategy,
  table: namespaceTable,
  schema: namespaceSchema,
  store: { returnDeletedObject: true, shouldDeleteDuringUpdate: shouldDeleteNamespaceDuringUpdate },
  storeOptions: { attrFunc: namespaceAttrs },
  newStore: (config) => new NamespaceREST(config, namespaceDefinition),
  subresources: { finalize: (store) => new StatusREST(store.withStrategies({ updateStrategy: namespaceFinalizeStrategy })) },
};
