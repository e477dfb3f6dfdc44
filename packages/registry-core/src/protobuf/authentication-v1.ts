import { protobuf } from '@kapi/apiserver-core';

const { list, message } = protobuf;
const { ObjectMeta, Time } = protobuf.metaV1;

/** authentication.k8s.io/v1 TokenRequest (serviceaccounts/token), as k8s.io/api/authentication/v1 declares it. */

export const BoundObjectReference = message('BoundObjectReference', [
  [1, 'kind', 'string'],
  [2, 'apiVersion', 'string'],
  [3, 'name', 'string'],
  [4, 'uid', 'string'],
]);

export const TokenRequestSpec = message('TokenRequestSpec', [
  [1, 'audiences', list('string'), 'noOmitEmpty'],
  [4, 'expirationSeconds', 'int64', 'nullable'],
  [3, 'boundObjectRef', BoundObjectReference, 'nullable'],
]);

export const TokenRequestStatus = message('TokenRequestStatus', [
  [1, 'token', 'string', 'noOmitEmpty'],
  [2, 'expirationTimestamp', Time],
]);

export const TokenRequest = message('TokenRequest', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', TokenRequestSpec],
  [3, 'status', TokenRequestStatus],
]);
