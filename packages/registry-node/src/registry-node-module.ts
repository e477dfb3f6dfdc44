import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { nodeRESTStorageProvider } from './rest/storage-node';

/** node.k8s.io as a group package: bind its RESTStorageProvider. */
export const registryNodeModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(nodeRESTStorageProvider);
});

export default registryNodeModule;
