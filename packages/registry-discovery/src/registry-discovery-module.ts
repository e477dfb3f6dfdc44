import { ContainerModule } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { discoveryRESTStorageProvider } from './rest/storage-discovery';

/** discovery.k8s.io as a group package: bind its RESTStorageProvider. */
export const registryDiscoveryModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).toConstantValue(discoveryRESTStorageProvider);
});

export default registryDiscoveryModule;
