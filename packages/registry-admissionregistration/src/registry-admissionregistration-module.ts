import { ContainerModule } from 'inversify';
import { RESTStorageProvider } from '@kapi/apiserver-core';
import { admissionRegistrationRESTStorageProvider } from './rest/storage-admissionregistration';

/** The admissionregistration.k8s.io group as a plugin: bind its RESTStorageProvider. */
export const registryAdmissionRegistrationModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).toConstantValue(admissionRegistrationRESTStorageProvider);
});

export default registryAdmissionRegistrationModule;
