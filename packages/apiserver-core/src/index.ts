import 'reflect-metadata';

export * from './runtime/object';
export * as protobuf from './runtime/protobuf';
export * from './api/errors';
export * from './api/equality/semantic';
export * from './validation';
export * from './labels/selector';
export * from './fields/selector';
export * as storage from './storage';
export type { Interface as StorageInterface } from './storage/interfaces';
export { StorageBackend, createStorageBackend, type StorageBackendConstructor, type ResourceStorageConfig } from './storage/factory';
export { defaultAttrs, type Attrs, type AttrFunc, type SelectionPredicate } from './storage/selection-predicate';
export * from './rest/context';
export * from './rest/options';
export * from './rest/interfaces';
export * from './rest/strategy';
export * from './rest/table';
export * from './rest/jsonpath';
export * from './rest/printer-columns';
export * from './rest/create';
export * from './rest/update';
export * from './registry/generic/options';
export * from './registry/generic/storage-factory-rest-options';
export * from './registry/generic/storage-with-cacher';
export * from './registry/generic/store-informer';
export * from './registry/generic/registry/store';
export * from './registry/generic/registry/store-config';
export * from './registry/generic/registry/interpret-errors';
export * from './registry/generic/registry/keys';
export * from './registry/generic/registry/dry-run-storage';
export * from './registry/rest/status-rest';
export * from './registry/rest/scale-rest';
export * from './registry/definition';
export { finalizerDeleteDependents, finalizerOrphanDependents, metaTime } from './registry/generic/registry/deletion';
export * from './endpoints/negotiation';
export * from './endpoints/installer';
export * from './endpoints/discovery/types';
export * from './endpoints/discovery/discovery';
export * from './endpoints/handlers/patch';
export * from './endpoints/handlers/request-scope';
export * from './endpoints/handlers/response';
export * from './endpoints/handlers/transform';
export * from './schema';
export * from './patch';
export * from './fieldmanager';
export * from './server/api-group-info';
export * from './server/rest-storage-provider';
export * from './server/generic-apiserver';
export * from './server/delegation-target';
export * from './server/healthz';
export * from './server/version';
export * from './server/secure-serving';
export * from './server/http-limits';
export { isUpgradeRequest, takeUpgradeConnection, type UpgradeConnection } from './server/upgrade';
export * from './server/tls-options';
export * from './server/certs';
export * from './metrics/apiserver-metrics';
export * from './metrics/storage-monitor';
export { isLongRunningRequest } from './server/filters/long-running';
export { resolveRequestInfo } from './server/filters/request-info';
export {
  ServerRunOptions,
  APIResourceConfigSource as APIResourceConfigSourceKey,
  GenericAPIServer as GenericAPIServerKey,
  Authenticator as AuthenticatorKey,
  Authorizer as AuthorizerKey,
  RuleResolver as RuleResolverKey,
  TokenAuthenticator as TokenAuthenticatorKey,
} from './keys';
export * from './authentication';
export * from './authorization';
export * from './server/filters/authentication';
export * from './server/filters/authorization';
export * from './server/filters/impersonation';
export * from './rest/default-strategy';
export * from './admission';
export * as audit from './audit';
export { defaultAuditOptions, newAuditConfig, type AuditOptions } from './audit/options';
export * from './server/filters/audit';
export * from './util/clock';
export * from './util/coalesced-sync';
export * from './util/loose-json';
export * from './util/retrying';
export * from './util/webhook/kubeconfig';
export * from './util/webhook/client';
export * as cel from './cel';
export * from './structural';
// Custom resources' pruning (everything the schema does not specify) is the public one; patch/'s prunes built-in kinds' decoded bodies.
export { pruneUnknownFields } from './structural';
