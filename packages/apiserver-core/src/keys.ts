/**
 * Service identifiers of kapi's container, in one place. Each shares its name with its interface
 * (Theia's convention): `@inject(RESTOptionsGetter) readonly restOptionsGetter: RESTOptionsGetter`.
 */
export { RESTOptionsGetter } from './registry/generic/options';
export { RESTStorageProvider } from './server/rest-storage-provider';
export { StorageBackend } from './storage/factory';

/** The parsed server options (controlplane's ServerRunOptions) for providers that need settings. */
export const ServerRunOptions = Symbol.for('kapi.ServerRunOptions');
/** The APIResourceConfigSource built from --runtime-config. */
export const APIResourceConfigSource = Symbol.for('kapi.APIResourceConfigSource');
/** The GenericAPIServer the Instance installs into. */
export const GenericAPIServer = Symbol.for('kapi.GenericAPIServer');
/** The server's authenticator (the union the flags configure); TokenReview and the authentication filter use it. */
export const Authenticator = Symbol.for('kapi.Authenticator');
/**
 * The server's token authenticators as one TokenAuthenticator (the union of --token-auth-file,
 * service-account JWTs, OIDC …, cached): TokenReview answers with it, bearer authentication wraps it.
 */
export const TokenAuthenticator = Symbol.for('kapi.TokenAuthenticator');
/** The server's authorizer (the union of --authorization-mode); SubjectAccessReviews and the filter use it. */
export const Authorizer = Symbol.for('kapi.Authorizer');
/** The server's rule resolver (SelfSubjectRulesReview). */
export const RuleResolver = Symbol.for('kapi.RuleResolver');
