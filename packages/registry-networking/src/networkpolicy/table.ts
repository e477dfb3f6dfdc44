import type { TableColumn } from '@kapi/apiserver-core';
import { formatLabelSelector } from '@kapi/registry-apps';
import type { NetworkPolicy } from './types';

/** kubectl get networkpolicies: NAME POD-SELECTOR AGE (printNetworkPolicy). */
export const networkPolicyTable: TableColumn[] = [
  { name: 'Pod-Selector', description: 'The pods the policy applies to.', cell: (o) => formatLabelSelector((o as NetworkPolicy).spec?.podSelector) },
];
