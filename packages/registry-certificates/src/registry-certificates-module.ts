import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { certificatesRESTStorageProvider } from './rest/storage-certificates';

/** certificates.k8s.io as a group package: bind its RESTStorageProvider. */
export const registryCertificatesModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(certificatesRESTStorageProvider);
});

export default registryCertificatesModule;
