import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { apiregistrationRESTStorageProvider } from './rest/storage-apiregistration';

/** apiregistration.k8s.io as a group package: bind its RESTStorageProvider. */
export const kubeAggregatorModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(apiregistrationRESTStorageProvider);
});

export default kubeAggregatorModule;
