import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { autoscalingRESTStorageProvider } from './rest/storage-autoscaling';

/** autoscaling/v2 and v1 as a group module. */
export const registryAutoscalingModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(autoscalingRESTStorageProvider);
});

export default registryAutoscalingModule;
