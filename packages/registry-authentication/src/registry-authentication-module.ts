import { ContainerModule } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { AuthenticationRESTStorageProvider } from './rest/storage-authentication';

/** authentication.k8s.io as a plugin: bind its RESTStorageProvider. */
export const registryAuthenticationModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).to(AuthenticationRESTStorageProvider).inSingletonScope();
});

export default registryAuthenticationModule;
