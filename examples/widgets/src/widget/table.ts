import type { TableColumn } from '@kapi/apiserver-core';
import type { Widget } from './types';

/** kubectl get widgets: NAME COLOR SIZE COUNT PHASE AGE (the helper adds NAME and AGE). */
export const widgetTable: TableColumn[] = [
  { name: 'Color', description: 'The colour of the widget.', cell: (o) => (o as Widget).spec?.color ?? '' },
  { name: 'Size', description: 'small, medium or large.', cell: (o) => (o as Widget).spec?.size ?? '' },
  { name: 'Count', type: 'integer', description: 'How many widgets.', cell: (o) => (o as Widget).spec?.count ?? 0 },
  { name: 'Phase', description: 'What the widget controller last reported.', cell: (o) => (o as Widget).status?.phase ?? '<unknown>' },
];
