import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { coordinationRESTStorageProvider } from './rest/storage-coordination';

/** coordination.k8s.io as a group package: bind its RESTStorageProvider. */
export const registryCoordinationModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(coordinationRESTStorageProvider);
});

export default registryCoordinationModule;
