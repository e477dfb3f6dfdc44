import { ContainerModule } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { networkingRESTStorageProvider } from './rest/storage-networking';

/** networking.k8s.io as a group package: bind its RESTStorageProvider. */
export const registryNetworkingModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).toConstantValue(networkingRESTStorageProvider);
});

export default registryNetworkingModule;
