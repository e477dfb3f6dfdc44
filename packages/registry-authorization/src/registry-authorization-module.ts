import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { AuthorizationRESTStorageProvider } from './rest/storage-authorization';

/** authorization.k8s.io as a plugin: bind its RESTStorageProvider. */
export const registryAuthorizationModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).to(AuthorizationRESTStorageProvider).inSingletonScope();
});

export default registryAuthorizationModule;
