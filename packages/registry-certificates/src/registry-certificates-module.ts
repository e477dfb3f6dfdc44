import { ContainerModule } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { certificatesRESTStorageProvider } from './rest/storage-certificates';

/** certificates.k8s.io as a group package: bind its RESTStorageProvider. */
export const registryCertificatesModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).toConstantValue(certificatesRESTStorageProvider);
});

export default registryCertificatesModule;
