import type { KObject, RequestContext, ResourceDefinition } from '@kapi/apiserver-core';
import type { CSINode } from './types';
import { validateCSINode, validateCSINodeUpdate } from './validation';

/** storage.k8s.io/v1 csinodes: cluster-scoped, one per node, written by the kubelet. */
export const csiNodeDefinition: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'CSINode',
  plural: 'csinodes',
  scope: 'Cluster',
  strategy: {
    validate: (_ctx: RequestContext, obj: KObject) => validateCSINode(obj as CSINode),
    validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => validateCSINodeUpdate(obj as CSINode, old as CSINode),
    allowUnconditionalUpdate: () => false,
  },
  // kubectl get csinodes: NAME DRIVERS AGE.
  table: [{ name: 'Drivers', type: 'integer', description: 'How many CSI drivers are registered on the node.', cell: (o) => (o as CSINode).spec?.drivers?.length ?? 0 }],
};
