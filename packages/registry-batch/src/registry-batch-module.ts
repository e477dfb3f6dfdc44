import { ContainerModule } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { batchRESTStorageProvider } from './rest/storage-batch';

/** batch as a group package: bind its RESTStorageProvider. */
export const registryBatchModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).toConstantValue(batchRESTStorageProvider);
});

export default registryBatchModule;
