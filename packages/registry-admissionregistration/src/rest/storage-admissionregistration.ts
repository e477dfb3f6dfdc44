import { newRESTStorageProviderFor } from '@kapi/apiserver-core';
import { mutatingWebhookConfigurationDefinition } from '../mutatingwebhookconfiguration/definition';
import { validatingAdmissionPolicyDefinition } from '../validatingadmissionpolicy/definition';
import { validatingAdmissionPolicyBindingDefinition } from '../validatingadmissionpolicybinding/definition';
import { validatingWebhookConfigurationDefinition } from '../validatingwebhookconfiguration/definition';

/** RESTStorageProvider of pkg/registry/admissionregistration/rest: the admissionregistration.k8s.io/v1 resources. */
export const admissionRegistrationRESTStorageProvider = newRESTStorageProviderFor({
  group: 'admissionregistration.k8s.io',
  versions: ['v1'],
  resources: [validatingWebhookConfigurationDefinition, mutatingWebhookConfigurationDefinition, validatingAdmissionPolicyDefinition, validatingAdmissionPolicyBindingDefinition],
});
