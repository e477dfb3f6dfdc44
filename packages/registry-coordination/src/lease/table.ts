import type { TableColumn } from '@kapi/apiserver-core';
import type { Lease } from './types';

/** kubectl get leases: NAME HOLDER AGE (printLease). */
export const leaseTable: TableColumn[] = [{ name: 'Holder', description: 'Who holds the lease now.', cell: (o) => (o as Lease).spec?.holderIdentity ?? '' }];
