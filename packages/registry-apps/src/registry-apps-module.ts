import { ContainerModule } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { appsRESTStorageProvider } from './rest/storage-apps';

/** The apps group as a plugin: bind its RESTStorageProvider. */
export const registryAppsModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).toConstantValue(appsRESTStorageProvider);
});

export default registryAppsModule;
