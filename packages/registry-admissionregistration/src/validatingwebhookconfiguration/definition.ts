import type { ResourceDefinition } from '@kapi/apiserver-core';
import { webhookConfigurationStrategy } from '../webhook/strategy';
import { webhookConfigurationTable } from '../webhook/table';

/** admissionregistration.k8s.io/v1 validatingwebhookconfigurations (cluster-scoped). */
export const validatingWebhookConfigurationDefinition: ResourceDefinition = {
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  kind: 'ValidatingWebhookConfiguration',
  plural: 'validatingwebhookconfigurations',
  scope: 'Cluster',
  categories: ['api-extensions'],
  strategy: webhookConfigurationStrategy(false),
  table: webhookConfigurationTable,
};
