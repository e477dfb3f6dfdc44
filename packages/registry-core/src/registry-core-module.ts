import { ContainerModule } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { LegacyRESTStorageProvider } from './rest/storage-core';

/** The legacy core group as a plugin: bind its RESTStorageProvider. */
export const registryCoreModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).to(LegacyRESTStorageProvider).inSingletonScope();
});

export default registryCoreModule;
