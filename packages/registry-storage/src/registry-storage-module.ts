import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { storageRESTStorageProvider } from './rest/storage-storage';

/** storage.k8s.io as a group package: bind its RESTStorageProvider. */
export const registryStorageModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(storageRESTStorageProvider);
});

export default registryStorageModule;
