import type { TableColumn } from '@kapi/apiserver-core';
import type { IngressClass } from './types';

/** "Kind[.apiGroup]/name", or "<none>". */
function formatParameters(ic: IngressClass): string {
  const p = ic.spec?.parameters;
  if (!p) return '<none>';
  return `${p.kind ?? ''}${p.apiGroup !== undefined ? `.${p.apiGroup}` : ''}/${p.name ?? ''}`;
}

/** kubectl get ingressclasses: NAME CONTROLLER PARAMETERS AGE (printIngressClass). */
export const ingressClassTable: TableColumn[] = [
  { name: 'Controller', description: 'The controller that implements the class.', cell: (o) => (o as IngressClass).spec?.controller ?? '' },
  { name: 'Parameters', description: 'The resource that configures the controller.', cell: (o) => formatParameters(o as IngressClass) },
];
