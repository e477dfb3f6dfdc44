import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { appsRESTStorageProvider } from './rest/storage-apps';

/** The apps group as a plugin: bind its RESTStorageProvider. */
export const registryAppsModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(appsRESTStorageProvider);
});

export default registryAppsModule;
