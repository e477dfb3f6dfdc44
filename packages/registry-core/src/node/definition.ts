import type { ResourceDefinition } from '@kapi/apiserver-core';
import { NodeProxyREST } from './proxy';
import { nodeSchema } from './schema';
import { nodeAttrs, nodeStatusStrategy, nodeStrategy } from './strategy';
import { nodeTable } from './table';

/** v1 nodes (pkg/registry/core/node/storage): the Store, /status, and /proxy to the node's kubelet. */
export const nodeDefinition: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Node',
  plural: 'nodes',
  scope: 'Cluster',
  shortNames: ['no'],
  strategy: nodeStrategy,
  status: nodeStatusStrategy,
  createWithStatus: true,
  table: nodeTable,
  schema: nodeSchema,
  storeOptions: { attrFunc: nodeAttrs },
  subresources: { proxy: (store) => new NodeProxyREST(store) },
};
