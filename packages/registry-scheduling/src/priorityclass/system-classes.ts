import { systemCriticalPriority, type PriorityClass } from './types';

/**
 * The classes every cluster has (kube's scheduling/bootstrap-system-priority-classes hook creates
 * them): node-critical pods outrank cluster-critical ones, and both outrank any user class.
 */
export const systemPriorityClasses: readonly PriorityClass[] = [
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-node-critical' },
    value: systemCriticalPriority + 1000,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-cluster-critical' },
    value: systemCriticalPriority,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

/** IsKnownSystemPriorityClass: undefined when the name, value and globalDefault are a system class's, else why not. */
export function systemClassMismatch(name: string, value: number | undefined, globalDefault: boolean): string | undefined {
  const known = systemPriorityClasses.find((c) => c.metadata?.name === name);
  if (!known) return `${name} is not a known system priority class`;
  if (known.value !== value) return `value of ${name} PriorityClass must be ${known.value}`;
  if ((known.globalDefault ?? false) !== globalDefault) return `globalDefault of ${name} PriorityClass must be ${known.globalDefault ?? false}`;
  return undefined;
}

export const isSystemPriorityClass = (name: string) => systemPriorityClasses.some((c) => c.metadata?.name === name);
