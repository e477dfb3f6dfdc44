import { ContainerModule } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { AuthorizationRESTStorageProvider } from './rest/storage-authorization';

/** authorization.k8s.io as a plugin: bind its RESTStorageProvider. */
export const registryAuthorizationModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).to(AuthorizationRESTStorageProvider).inSingletonScope();
});

export default registryAuthorizationModule;
