import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { networkingRESTStorageProvider } from './rest/storage-networking';

/** networking.k8s.io as a group package: bind its RESTStorageProvider. */
export const registryNetworkingModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(networkingRESTStorageProvider);
});

export default registryNetworkingModule;
