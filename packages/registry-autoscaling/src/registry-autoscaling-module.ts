import { ContainerModule } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { autoscalingRESTStorageProvider } from './rest/storage-autoscaling';

/** autoscaling/v2 and v1 as a group module. */
export const registryAutoscalingModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).toConstantValue(autoscalingRESTStorageProvider);
});

export default registryAutoscalingModule;
