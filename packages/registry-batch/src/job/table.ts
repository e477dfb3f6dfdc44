import { humanDuration, type TableColumn } from '@kapi/apiserver-core';
import { formatLabelSelector } from '@kapi/registry-apps';
import { containerCells } from '../common/container-cells';
import type { Job } from '../common/types';

const job = (o: unknown) => o as Job;
const hasCondition = (j: Job, type: string) => (j.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

/** printJob's STATUS: terminal conditions first, then deletion, suspension and a pending failure. */
export function jobStatusCell(j: Job): string {
  if (hasCondition(j, 'Complete')) return 'Complete';
  if (hasCondition(j, 'Failed')) return 'Failed';
  if (j.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(j, 'Suspended')) return 'Suspended';
  if (hasCondition(j, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** COMPLETIONS: succeeded/completions, or "n/1 of p" for a work queue Job with parallelism. */
export function jobCompletionsCell(j: Job): string {
  const succeeded = j.status?.succeeded ?? 0;
  if (j.spec?.completions !== undefined) return `${succeeded}/${j.spec.completions}`;
  const parallelism = j.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** DURATION: from start to completion, or to now while running; empty before the Job starts. */
export function jobDurationCell(j: Job): string {
  const start = j.status?.startTime;
  if (!start) return '';
  const end = j.status?.completionTime ? Date.parse(j.status.completionTime) : Date.now();
  return humanDuration(end - Date.parse(start));
}

/** kubectl get jobs: NAME STATUS COMPLETIONS DURATION AGE, and CONTAINERS IMAGES SELECTOR with -o wide. */
export const jobTable: TableColumn[] = [
  { name: 'Status', description: 'Status of the job.', cell: (o) => jobStatusCell(job(o)) },
  { name: 'Completions', description: 'Pods that succeeded, against the completions the Job needs.', cell: (o) => jobCompletionsCell(job(o)) },
  { name: 'Duration', description: 'Time required to complete the job.', cell: (o) => jobDurationCell(job(o)) },
  { name: 'Containers', priority: 1, description: 'Names of each container in the template.', cell: (o) => containerCells(job(o).spec?.template).names },
  { name: 'Images', priority: 1, description: 'Images referenced by each container in the template.', cell: (o) => containerCells(job(o).spec?.template).images },
  {
    name: 'Selector',
    priority: 1,
    description: 'The label selector of the pods the Job counts (generated from its uid unless manualSelector).',
    cell: (o) => formatLabelSelector(job(o).spec?.selector),
  },
];
