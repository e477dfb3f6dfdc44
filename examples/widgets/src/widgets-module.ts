import { ContainerModule } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { widgetsRESTStorageProvider } from './rest/storage-widgets';

/**
 * The plugin: one ContainerModule binding the group's RESTStorageProvider. `kapi server --plugin
 * @kapi/example-widgets` finds it through the "kapi" field of package.json; it is also the default export.
 */
export const widgetsModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).toConstantValue(widgetsRESTStorageProvider);
});

export default widgetsModule;
