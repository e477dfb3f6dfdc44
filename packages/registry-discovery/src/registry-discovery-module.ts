import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { discoveryRESTStorageProvider } from './rest/storage-discovery';

/** discovery.k8s.io as a group package: bind its RESTStorageProvider. */
export const registryDiscoveryModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(discoveryRESTStorageProvider);
});

export default registryDiscoveryModule;
