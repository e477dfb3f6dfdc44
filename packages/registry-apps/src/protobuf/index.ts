import { protobuf } from '@kapi/apiserver-core';
import { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from './apps-v1';
import { Scale } from './autoscaling-v1';

export * as appsV1 from './apps-v1';

/** The kinds the apps group decodes from protobuf bodies, with autoscaling/v1 Scale of the scale subresources. */
export const appsProtobufMessages = protobuf.newProtobufMessageRegistry({
  'apps/v1': { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet },
  'autoscaling/v1': { Scale },
});
