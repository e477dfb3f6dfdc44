import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { SchedulingRESTStorageProvider } from './rest/storage-scheduling';

/** scheduling.k8s.io as a group package: bind its RESTStorageProvider (with its bootstrap hook). */
export const registrySchedulingModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey)
    .toDynamicValue(() => new SchedulingRESTStorageProvider())
    .inSingletonScope();
});

export default registrySchedulingModule;
