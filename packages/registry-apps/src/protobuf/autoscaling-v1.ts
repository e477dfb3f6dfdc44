import { protobuf } from '@kapi/apiserver-core';

const { message } = protobuf;
const { ObjectMeta } = protobuf.metaV1;

/** autoscaling/v1 Scale, the kind of the deployments/scale (and replicasets, statefulsets) subresource. */

export const ScaleSpec = message('ScaleSpec', [
  [1, 'replicas', 'int32'],
]);

export const ScaleStatus = message('ScaleStatus', [
  [1, 'replicas', 'int32', 'noOmitEmpty'],
  [2, 'selector', 'string'],
]);

export const Scale = message('Scale', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', ScaleSpec],
  [3, 'status', ScaleStatus],
]);
