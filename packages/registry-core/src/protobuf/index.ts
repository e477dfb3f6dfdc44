import { protobuf } from '@kapi/apiserver-core';
import { TokenRequest } from './authentication-v1';
import {
  Binding, ConfigMap, Endpoints, Event, LimitRange, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodTemplate,
  ReplicationController, ResourceQuota, Secret, Service, ServiceAccount,
} from './core-v1';
import { Eviction } from './policy-v1';

export * as coreV1 from './core-v1';

/**
 * The kinds the legacy group decodes from protobuf bodies: what kubectl's typed commands and
 * client-go's typed clients (kubelets, controllers) send to /api/v1, including the bodies of
 * subresources of another group (serviceaccounts/token, pods/eviction).
 */
export const coreProtobufMessages = protobuf.newProtobufMessageRegistry({
  v1: {
    Binding, ConfigMap, Endpoints, Event, LimitRange, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodTemplate,
    ReplicationController, ResourceQuota, Secret, Service, ServiceAccount,
  },
  'authentication.k8s.io/v1': { TokenRequest },
  'policy/v1': { Eviction },
});
