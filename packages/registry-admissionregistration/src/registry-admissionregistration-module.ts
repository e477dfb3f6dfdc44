import { ContainerModule } from 'inversify';
import { bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { admissionRegistrationRESTStorageProvider } from './rest/storage-admissionregistration';

/** The admissionregistration.k8s.io group as a plugin: bind its RESTStorageProvider. */
export const registryAdmissionRegistrationModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(admissionRegistrationRESTStorageProvider);
});

export default registryAdmissionRegistrationModule;
