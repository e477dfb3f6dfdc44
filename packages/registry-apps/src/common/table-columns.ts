import type { KObject, TableColumn } from '@kapi/apiserver-core';
import { formatLabelSelector } from './label-selector';
import { specOf, type WorkloadSpec } from './types';

const containers = (o: KObject) => specOf<WorkloadSpec>(o).template?.spec?.containers ?? [];

/** A status count as kubectl prints it: absent is 0. */
export function statusCount(o: KObject, name: string): number {
  return ((o.status ?? {}) as Record<string, number | undefined>)[name] ?? 0;
}

/** The wide columns of every workload printer: CONTAINERS, IMAGES (and SELECTOR where it has one). */
export const containersColumn: TableColumn = {
  name: 'Containers',
  priority: 1,
  description: 'Names of each container in the template.',
  cell: (o) =>
    containers(o)
      .map((c) => c.name ?? '')
      .join(','),
};

export const imagesColumn: TableColumn = {
  name: 'Images',
  priority: 1,
  description: 'Images referenced by each container in the template.',
  cell: (o) =>
    containers(o)
      .map((c) => c.image ?? '')
      .join(','),
};

export const selectorColumn: TableColumn = {
  name: 'Selector',
  priority: 1,
  description: 'The label selector of the pods this object controls.',
  cell: (o) => formatLabelSelector(specOf<WorkloadSpec>(o).selector),
};
