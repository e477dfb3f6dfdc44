import type { APIGroupInfo } from '@kapi/apiserver-core';
import { FlowControlConfigurationProducer, FlowSchemaDanglingController } from '@kapi/registry-flowcontrol';
import { ClusterRoleAggregationController } from '@kapi/registry-rbac';
import { NamespaceController } from './namespace-controller';
import { ServiceAccountsController } from './serviceaccounts-controller';

export { NamespaceController } from './namespace-controller';
export { ServiceAccountsController } from './serviceaccounts-controller';
export { NamespaceInformer } from './namespace-informer';

/** A controller kapi runs in-process (as k3s bundles kube-controller-manager's loops). */
export interface InProcessController {
  start(): void;
  stop(): void;
}

export const knownControllers: Record<string, (groups: ReadonlyMap<string, APIGroupInfo>) => InProcessController> = {
  namespace: (groups) => new NamespaceController(groups),
  serviceaccount: (groups) => new ServiceAccountsController(groups),
  'clusterrole-aggregation': (groups) => new ClusterRoleAggregationController(groups),
  // kube-apiserver's own APF configuration loops: FlowSchemas' Dangling condition, and the bootstrap objects re-ensured each minute.
  'priority-and-fairness-config': (groups) => new FlowSchemaDanglingController(groups),
  'priority-and-fairness-config-producer': (groups) => new FlowControlConfigurationProducer(groups),
};

/**
 * --controllers, as kube-controller-manager reads it: "*" is every controller, "foo" enables
 * one, "-foo" disables one; an unknown name is an error.
 */
export function enabledControllers(spec: string[]): string[] {
  const names = Object.keys(knownControllers);
  const entries = spec.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const star = entries.includes('*');
  const on = new Set<string>(star ? names : []);
  for (const e of entries) {
    if (e === '*') continue;
    const name = e.startsWith('-') ? e.slice(1) : e;
    if (!names.includes(name)) throw new Error(`"${name}" is not in the list of known controllers (${names.join(', ')})`);
    if (e.startsWith('-')) on.delete(name);
    else on.add(name);
  }
  return names.filter((n) => on.has(n));
}
