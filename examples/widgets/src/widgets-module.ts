import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { widgetsRESTStorageProvider } from './rest/storage-widgets';

/** The plugin: found through package.json's "kapi" field by `kapi server --plugin @kapi/example-widgets`. */
export const widgetsModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(widgetsRESTStorageProvider);
});

export default widgetsModule;
