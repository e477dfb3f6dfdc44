import { ageOf, type TableColumn } from '@kapi/apiserver-core';
import { formatLabelSelector } from '@kapi/registry-apps';
import { containerCells } from '../common/container-cells';
import type { CronJob } from '../common/types';

const cj = (o: unknown) => o as CronJob;
const suspendCell = (v: boolean | undefined) => (v === undefined ? '<unset>' : v ? 'True' : 'False');

/** kubectl get cronjobs: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, and CONTAINERS IMAGES SELECTOR with -o wide. */
export const cronJobTable: TableColumn[] = [
  { name: 'Schedule', description: 'The cron schedule the Jobs are started on.', cell: (o) => cj(o).spec?.schedule ?? '' },
  { name: 'Timezone', description: 'The time zone the schedule is read in.', cell: (o) => cj(o).spec?.timeZone ?? '<none>' },
  // printBoolPtr: the cell is the text True/False (<unset> without a value), not a JSON boolean.
  { name: 'Suspend', type: 'boolean', description: 'Whether new Jobs are held back.', cell: (o) => suspendCell(cj(o).spec?.suspend) },
  { name: 'Active', type: 'integer', description: 'How many Jobs of this CronJob are running.', cell: (o) => (cj(o).status?.active ?? []).length },
  {
    name: 'Last Schedule',
    description: 'When a Job was last scheduled.',
    cell: (o) => {
      const last = cj(o).status?.lastScheduleTime;
      return last ? ageOf({ metadata: { creationTimestamp: last } }) : '<none>';
    },
  },
  { name: 'Containers', priority: 1, description: 'Names of each container in the template.', cell: (o) => containerCells(cj(o).spec?.jobTemplate?.spec?.template).names },
  { name: 'Images', priority: 1, description: 'Images referenced by each container in the template.', cell: (o) => containerCells(cj(o).spec?.jobTemplate?.spec?.template).images },
  {
    name: 'Selector',
    priority: 1,
    description: 'The selector of the job template (none: its Jobs generate one).',
    cell: (o) => formatLabelSelector(cj(o).spec?.jobTemplate?.spec?.selector),
  },
];
