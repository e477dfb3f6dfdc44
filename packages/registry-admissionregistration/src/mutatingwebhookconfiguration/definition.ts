import type { ResourceDefinition } from '@kapi/apiserver-core';
import { webhookConfigurationStrategy } from '../webhook/strategy';
import { webhookConfigurationTable } from '../webhook/table';

/** admissionregistration.k8s.io/v1 mutatingwebhookconfigurations (cluster-scoped). */
export const mutatingWebhookConfigurationDefinition: ResourceDefinition = {
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  kind: 'MutatingWebhookConfiguration',
  plural: 'mutatingwebhookconfigurations',
  scope: 'Cluster',
  categories: ['api-extensions'],
  strategy: webhookConfigurationStrategy(true),
  table: webhookConfigurationTable,
};
