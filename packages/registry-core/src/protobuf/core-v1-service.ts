import { protobuf } from '@kapi/apiserver-core';
import { ObjectReference } from './core-v1-pod';

const { IntOrString, list, map, message } = protobuf;
const { Condition, ObjectMeta } = protobuf.metaV1;

/** core/v1 Service and Endpoints. core/v1 messages (k8s.io/api/core/v1/generated.proto): field number → JSON name, from the Go types' json and protobuf tags. */

export const ServicePort = message('ServicePort', [
  [1, 'name', 'string'],
  [2, 'protocol', 'string'],
  [6, 'appProtocol', 'string', 'pointer'],
  [3, 'port', 'int32', 'noOmitEmpty'],
  [4, 'targetPort', IntOrString],
  [5, 'nodePort', 'int32'],
]);

export const ClientIPConfig = message('ClientIPConfig', [
  [1, 'timeoutSeconds', 'int32', 'pointer'],
]);

export const SessionAffinityConfig = message('SessionAffinityConfig', [
  [1, 'clientIP', ClientIPConfig, 'pointer'],
]);

export const ServiceSpec = message('ServiceSpec', [
  [1, 'ports', list(ServicePort)],
  [2, 'selector', map('string')],
  [3, 'clusterIP', 'string'],
  [18, 'clusterIPs', list('string')],
  [4, 'type', 'string'],
  [5, 'externalIPs', list('string')],
  [7, 'sessionAffinity', 'string'],
  [8, 'loadBalancerIP', 'string'],
  [9, 'loadBalancerSourceRanges', list('string')],
  [10, 'externalName', 'string'],
  [11, 'externalTrafficPolicy', 'string'],
  [12, 'healthCheckNodePort', 'int32'],
  [13, 'publishNotReadyAddresses', 'bool'],
  [14, 'sessionAffinityConfig', SessionAffinityConfig, 'pointer'],
  [19, 'ipFamilies', list('string')],
  [17, 'ipFamilyPolicy', 'string', 'pointer'],
  [20, 'allocateLoadBalancerNodePorts', 'bool', 'pointer'],
  [21, 'loadBalancerClass', 'string', 'pointer'],
  [22, 'internalTrafficPolicy', 'string', 'pointer'],
  [23, 'trafficDistribution', 'string', 'pointer'],
]);

export const PortStatus = message('PortStatus', [
  [1, 'port', 'int32', 'noOmitEmpty'],
  [2, 'protocol', 'string', 'noOmitEmpty'],
  [3, 'error', 'string', 'pointer'],
]);

export const LoadBalancerIngress = message('LoadBalancerIngress', [
  [1, 'ip', 'string'],
  [2, 'hostname', 'string'],
  [3, 'ipMode', 'string', 'pointer'],
  [4, 'ports', list(PortStatus)],
]);

export const LoadBalancerStatus = message('LoadBalancerStatus', [
  [1, 'ingress', list(LoadBalancerIngress)],
]);

export const ServiceStatus = message('ServiceStatus', [
  [1, 'loadBalancer', LoadBalancerStatus],
  [2, 'conditions', list(Condition)],
]);

export const Service = message('Service', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', ServiceSpec],
  [3, 'status', ServiceStatus],
]);

export const EndpointAddress = message('EndpointAddress', [
  [1, 'ip', 'string', 'noOmitEmpty'],
  [3, 'hostname', 'string'],
  [4, 'nodeName', 'string', 'pointer'],
  [2, 'targetRef', ObjectReference, 'pointer'],
]);

export const EndpointPort = message('EndpointPort', [
  [1, 'name', 'string'],
  [2, 'port', 'int32', 'noOmitEmpty'],
  [3, 'protocol', 'string'],
  [4, 'appProtocol', 'string', 'pointer'],
]);

export const EndpointSubset = message('EndpointSubset', [
  [1, 'addresses', list(EndpointAddress)],
  [2, 'notReadyAddresses', list(EndpointAddress)],
  [3, 'ports', list(EndpointPort)],
]);

export const Endpoints = message('Endpoints', [
  [1, 'metadata', ObjectMeta],
  [2, 'subsets', list(EndpointSubset)],
]);
