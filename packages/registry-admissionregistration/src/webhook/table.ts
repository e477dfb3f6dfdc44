import type { TableColumn } from '@kapi/apiserver-core';
import { webhooksOf } from './types';

/** kubectl get {validating,mutating}webhookconfigurations: NAME WEBHOOKS AGE. */
export const webhookConfigurationTable: TableColumn[] = [
  { name: 'Webhooks', type: 'integer', description: 'Webhooks indicates the number of webhooks in the configuration', cell: (o) => webhooksOf(o as { webhooks?: unknown }).length },
];
