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
