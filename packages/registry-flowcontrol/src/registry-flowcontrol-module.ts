import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { newFlowcontrolRESTStorageProvider } from './rest/storage-flowcontrol';

/** flowcontrol.apiserver.k8s.io as a group package: its provider, one per container (its hook holds that server's storage). */
export const registryFlowcontrolModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toDynamicValue(newFlowcontrolRESTStorageProvider).inSingletonScope();
});

export default registryFlowcontrolModule;
