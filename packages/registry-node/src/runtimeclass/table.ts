import type { TableColumn } from '@kapi/apiserver-core';
import type { RuntimeClass } from './types';

/** kubectl get runtimeclasses: NAME HANDLER AGE. */
export const runtimeClassTable: TableColumn[] = [{ name: 'Handler', description: 'The CRI handler pods of this class run with.', cell: (o) => (o as RuntimeClass).handler ?? '' }];
