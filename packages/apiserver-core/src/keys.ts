import type { AdmissionPlugin } from './admission/plugin';
import type { RequestAuthenticator, TokenAuthenticator } from './authentication/authenticator';
import type { Authorizer, RuleResolver } from './authorization/authorizer';
import type { RESTOptionsGetter } from './registry/generic/options';
import type { GenericAPIServer } from './server/generic-apiserver';
import type { APIResourceConfigSource, RESTStorageProvider } from './server/rest-storage-provider';
import { serviceKey } from './service-key';
import type { StorageBackend } from './storage/factory';

/**
 * kapi's container keys, all in one place and one convention (docs/architecture.md, "DI keys"):
 * `<Interface>Key`, a ServiceKey<Interface> named `kapi.<Interface>`. Inject with
 * `@inject(RESTOptionsGetterKey) readonly restOptionsGetter: RESTOptionsGetter`; bind and look up
 * with bindService/getService, which check the value against the key's type.
 */

/** Each API group's provider (a multi-binding: every group module binds one). */
export const RESTStorageProviderKey = serviceKey<RESTStorageProvider>('kapi.RESTStorageProvider');
/** Each admission plugin a module registers (a multi-binding); --enable-admission-plugins picks among them. */
export const AdmissionPluginKey = serviceKey<AdmissionPlugin>('kapi.AdmissionPlugin');
/** The one storage backend (etcd or embedded) the server's resources share. */
export const StorageBackendKey = serviceKey<StorageBackend>('kapi.StorageBackend');
/** One RESTOptions per resource, from the server's storage configuration. */
export const RESTOptionsGetterKey = serviceKey<RESTOptionsGetter>('kapi.RESTOptionsGetter');
/**
 * The parsed server options (controlplane's ServerRunOptions). Typed `object` because that type lives
 * in controlplane, which core and the group packages cannot import: a reader names the slice it reads.
 */
export const ServerRunOptionsKey = serviceKey<object>('kapi.ServerRunOptions');
/** The APIResourceConfigSource built from --runtime-config. */
export const APIResourceConfigSourceKey = serviceKey<APIResourceConfigSource>('kapi.APIResourceConfigSource');
/** The GenericAPIServer the Instance installs into. */
export const GenericAPIServerKey = serviceKey<GenericAPIServer>('kapi.GenericAPIServer');
/** The server's authenticator (the union the flags configure); TokenReview and the authentication filter use it. */
export const AuthenticatorKey = serviceKey<RequestAuthenticator>('kapi.Authenticator');
/**
 * The server's token authenticators as one TokenAuthenticator (the union of --token-auth-file,
 * service-account JWTs, OIDC …, cached): TokenReview answers with it, bearer authentication wraps it.
 */
export const TokenAuthenticatorKey = serviceKey<TokenAuthenticator>('kapi.TokenAuthenticator');
/** The server's authorizer (the union of --authorization-mode); SubjectAccessReviews and the filter use it. */
export const AuthorizerKey = serviceKey<Authorizer>('kapi.Authorizer');
/** The server's rule resolver (SelfSubjectRulesReview). */
export const RuleResolverKey = serviceKey<RuleResolver>('kapi.RuleResolver');
