import { resetObjectMetaForStatus, type KObject, type RequestContext, type ResourceDefinition, type StrategyHooks } from '@kapi/apiserver-core';
import type { VolumeAttachment } from './types';
import { validateVolumeAttachment, validateVolumeAttachmentUpdate, validateVolumeAttachmentV1 } from './validation';

const va = (o: KObject) => o as VolumeAttachment;
const validateUpdate = (_ctx: RequestContext, obj: KObject, old: KObject) => validateVolumeAttachmentUpdate(va(obj), va(old));

/** The attach/detach controller creates them; the external attacher reports through /status. */
const volumeAttachmentStrategy: StrategyHooks = {
  // kube serializes the empty status with its non-omitempty `attached: false`; so does kapi.
  prepareForCreate: (_ctx, obj) => {
    obj.status = { attached: false };
  },
  validate: (_ctx: RequestContext, obj: KObject) => [...validateVolumeAttachment(va(obj)), ...validateVolumeAttachmentV1(va(obj))],
  validateUpdate,
  allowUnconditionalUpdate: () => false,
};

/** storage.k8s.io/v1 volumeattachments (+status): cluster-scoped. */
export const volumeAttachmentDefinition: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'VolumeAttachment',
  plural: 'volumeattachments',
  scope: 'Cluster',
  strategy: volumeAttachmentStrategy,
  // The attacher writes the status and nothing else: labels, annotations, finalizers stay as they were.
  status: { prepareForUpdate: (_ctx, obj, old) => resetObjectMetaForStatus(obj, old), validateUpdate },
  // kubectl get volumeattachments: NAME ATTACHER PV NODE ATTACHED AGE.
  table: [
    { name: 'Attacher', format: 'name', description: 'The CSI driver that attaches the volume.', cell: (o) => va(o).spec?.attacher ?? '' },
    { name: 'PV', description: 'The persistent volume to attach.', cell: (o) => va(o).spec?.source?.persistentVolumeName ?? '' },
    { name: 'Node', description: 'The node to attach the volume to.', cell: (o) => va(o).spec?.nodeName ?? '' },
    { name: 'Attached', type: 'boolean', description: 'Whether the attach operation succeeded.', cell: (o) => va(o).status?.attached ?? false },
  ],
};
