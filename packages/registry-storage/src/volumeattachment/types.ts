import type { KObject } from '@kapi/apiserver-core';
import type { InlineVolumeSpec } from './inline-volume';

export interface VolumeError {
  time?: string;
  message?: string;
}

export interface VolumeAttachmentSpec {
  attacher?: string;
  source?: { persistentVolumeName?: string; inlineVolumeSpec?: InlineVolumeSpec };
  nodeName?: string;
}

export interface VolumeAttachmentStatus {
  attached?: boolean;
  attachmentMetadata?: Record<string, string>;
  attachError?: VolumeError;
  detachError?: VolumeError;
}

/** storage.k8s.io/v1 VolumeAttachment: the intent to attach a volume to a node, and the attacher's report. */
export interface VolumeAttachment extends KObject {
  spec?: VolumeAttachmentSpec;
  status?: VolumeAttachmentStatus;
}
