import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { batchRESTStorageProvider } from './rest/storage-batch';

/** batch as a group package: bind its RESTStorageProvider. */
export const registryBatchModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(batchRESTStorageProvider);
});

export default registryBatchModule;
