import type { GroupResource, KObject } from '@kapi/apiserver-core';
import { parseQuantity } from '@kapi/registry-core';

/** The core resources a quota counts by their plain name (`pods`, `configmaps` …), as kube's evaluators do. */
const coreCounted = new Set(['pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'replicationcontrollers', 'resourcequotas']);
const computeKeys: Record<string, ['requests' | 'limits', string]> = {
  cpu: ['requests', 'cpu'],
  memory: ['requests', 'memory'],
  'requests.cpu': ['requests', 'cpu'],
  'requests.memory': ['requests', 'memory'],
  'limits.cpu': ['limits', 'cpu'],
  'limits.memory': ['limits', 'memory'],
};

/** The resource a count key counts: `pods`, `count/pods`, `count/deployments.apps`; undefined for other keys. */
export function countedResource(key: string): GroupResource | undefined {
  if (coreCounted.has(key)) return { group: '', resource: key };
  if (!key.startsWith('count/')) return undefined;
  const [resource, ...group] = key.slice('count/'.length).split('.');
  return { group: group.join('.'), resource };
}

export const isComputeKey = (key: string) => key in computeKeys;

/** A pod that no longer runs is not charged (quota's QuotaV1Pod). */
export const isChargedPod = (pod: KObject) => !['Succeeded', 'Failed'].includes((pod.status as { phase?: string } | undefined)?.phase ?? '');

/** The pod's compute usage for one quota key: the sum over its containers (init containers as kube's max is not modelled). */
export function podCompute(pod: KObject, key: string): number {
  const [kind, name] = computeKeys[key];
  const containers = (pod.spec as { containers?: { resources?: Record<string, Record<string, string>> }[] } | undefined)?.containers ?? [];
  return containers.reduce((sum, c) => sum + (parseQuantity(c.resources?.[kind]?.[name]) ?? 0), 0);
}

/** Whether a pod declares the quota key for every container (kube refuses a pod a compute quota cannot charge). */
export function podDeclares(pod: KObject, key: string): string[] {
  const [kind, name] = computeKeys[key];
  const containers = (pod.spec as { containers?: { name?: string; resources?: Record<string, Record<string, string>> }[] } | undefined)?.containers ?? [];
  return containers.filter((c) => c.resources?.[kind]?.[name] === undefined).map((c) => c.name ?? '');
}

/** A quantity as kube prints small values: whole numbers plain, fractional CPU in millicores, memory in the largest exact binary unit. */
export function formatQuantity(key: string, value: number): string {
  if (key.endsWith('memory')) {
    for (const [unit, size] of [
      ['Gi', 2 ** 30],
      ['Mi', 2 ** 20],
      ['Ki', 2 ** 10],
    ] as const) {
      if (value !== 0 && value % size === 0) return `${value / size}${unit}`;
    }
    return String(value);
  }
  return Number.isInteger(value) ? String(value) : `${Math.round(value * 1000)}m`;
}
