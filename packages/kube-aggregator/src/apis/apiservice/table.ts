import type { TableColumn } from '@kapi/apiserver-core';
import { availableCondition, type APIService } from './types';

/** kube-aggregator's APIService printer: SERVICE is "Local" or namespace/name; AVAILABLE carries the reason when not True. */
export const apiServiceTable: TableColumn[] = [
  {
    name: 'Service',
    description: 'The reference to the service that hosts this API endpoint.',
    cell: (o) => {
      const svc = (o as APIService).spec?.service;
      return svc ? `${svc.namespace ?? ''}/${svc.name ?? ''}` : 'Local';
    },
  },
  {
    name: 'Available',
    description: 'Whether this service is available.',
    cell: (o) => {
      const c = availableCondition(o as APIService);
      if (!c) return 'Unknown';
      return c.status !== 'True' && c.reason ? `${c.status} (${c.reason})` : c.status;
    },
  },
];
