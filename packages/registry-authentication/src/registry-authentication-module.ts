import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { AuthenticationRESTStorageProvider } from './rest/storage-authentication';

/** authentication.k8s.io as a plugin: bind its RESTStorageProvider. */
export const registryAuthenticationModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).to(AuthenticationRESTStorageProvider).inSingletonScope();
});

export default registryAuthenticationModule;
