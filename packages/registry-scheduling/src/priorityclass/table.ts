import { ageColumn, type TableColumn } from '@kapi/apiserver-core';
import type { PriorityClass } from './types';

const pc = (o: unknown) => o as PriorityClass;

/** kubectl get priorityclasses: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY (the policy comes after AGE, unlike most kinds). */
export const priorityClassTable: TableColumn[] = [
  { name: 'Value', type: 'integer', description: 'The priority pods of this class get.', cell: (o) => pc(o).value ?? 0 },
  { name: 'Global-Default', type: 'boolean', description: 'Whether pods without a class get this one.', cell: (o) => pc(o).globalDefault ?? false },
  ageColumn,
  { name: 'PreemptionPolicy', description: 'Whether pods of this class may preempt lower-priority pods.', cell: (o) => pc(o).preemptionPolicy ?? '' },
];
