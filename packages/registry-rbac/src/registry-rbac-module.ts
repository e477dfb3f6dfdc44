import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { RBACRESTStorageProvider } from './rest/storage-rbac';

/** rbac.authorization.k8s.io as a plugin: bind its RESTStorageProvider. */
export const registryRbacModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).to(RBACRESTStorageProvider).inSingletonScope();
});

export default registryRbacModule;
