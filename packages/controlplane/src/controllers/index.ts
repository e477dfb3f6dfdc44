import { FlowControlConfigurationProducer, FlowSchemaDanglingController } from '@kapi/registry-flowcontrol';
import { ClusterRoleAggregationController } from '@kapi/registry-rbac';
import type { ControllerDescriptor } from './controller-context';
import { GarbageCollector } from './garbagecollector/garbage-collector';
import { APIServerIdentityLeaseController, APIServerIdentityLeaseGarbageCollector } from './apiserver-identity-lease';
import { KubernetesServiceController } from './kubernetes-service-controller';
import { LegacyServiceAccountTokenCleaner } from './legacy-serviceaccount-token-cleaner';
import { LegacyTokenTrackingController } from './legacy-token-tracking-controller';
import { NamespaceController } from './namespace-controller';
import { RootCACertPublisher } from './root-ca-cert-publisher';
import { ServiceAccountsController } from './serviceaccounts-controller';

export { NamespaceController } from './namespace-controller';
export { ServiceAccountsController } from './serviceaccounts-controller';
export { NamespaceInformer } from './namespace-informer';
export { GarbageCollector } from './garbagecollector/garbage-collector';
export * from './controller-context';
export * from './controller-manager';
export * from './leaderelection/leader-elector';
export * from './leaderelection/lease-lock';

/** Every in-process controller, in start order. */
export const controllerDescriptors: ControllerDescriptor[] = [
  // kube-apiserver's own loops: every instance runs them.
  { name: 'kubernetes-service-controller', leaderElected: false, build: (c) => new KubernetesServiceController(c) },
  { name: 'kube-apiserver-identity-lease-controller', leaderElected: false, build: (c) => new APIServerIdentityLeaseController(c) },
  { name: 'kube-apiserver-identity-lease-garbage-collector', leaderElected: false, build: (c) => new APIServerIdentityLeaseGarbageCollector(c) },
  { name: 'legacy-token-tracking-controller', leaderElected: false, build: (c) => new LegacyTokenTrackingController(c) },
  // FlowSchemas' Dangling condition, and the bootstrap objects re-ensured each minute.
  { name: 'priority-and-fairness-config', leaderElected: false, build: (c) => new FlowSchemaDanglingController(c.groups) },
  { name: 'priority-and-fairness-config-producer', leaderElected: false, build: (c) => new FlowControlConfigurationProducer(c.groups) },
  // kube-controller-manager's: one instance runs them, under the leader Lease.
  { name: 'namespace-controller', aliases: ['namespace'], leaderElected: true, build: (c) => new NamespaceController(c.groups, c.clock) },
  { name: 'serviceaccount-controller', aliases: ['serviceaccount'], leaderElected: true, build: (c) => new ServiceAccountsController(c.groups) },
  { name: 'clusterrole-aggregation-controller', aliases: ['clusterrole-aggregation'], leaderElected: true, build: (c) => new ClusterRoleAggregationController(c.groups) },
  { name: 'garbage-collector-controller', aliases: ['garbagecollector'], leaderElected: true, build: (c) => new GarbageCollector(c.groups, c.timings.gcResyncMs) },
  {
    name: 'legacy-serviceaccount-token-cleaner-controller',
    aliases: ['legacy-service-account-token-cleaner'],
    leaderElected: true,
    build: (c) => new LegacyServiceAccountTokenCleaner(c),
  },
  { name: 'root-ca-certificate-publisher-controller', aliases: ['root-ca-cert-publisher'], leaderElected: true, build: (c) => new RootCACertPublisher(c) },
];

/** A name or alias --controllers took, resolved to its descriptor's name. */
function canonicalName(name: string): string | undefined {
  return controllerDescriptors.find((d) => d.name === name || d.aliases?.includes(name))?.name;
}

/**
 * --controllers, as kube-controller-manager reads it: "*" is every controller, "foo" enables
 * one, "-foo" disables one; an unknown name is an error. Answers canonical names in start order.
 */
export function enabledControllers(spec: string[]): string[] {
  const names = controllerDescriptors.map((d) => d.name);
  const entries = spec
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const on = new Set<string>(entries.includes('*') ? names : []);
  for (const e of entries) {
    if (e === '*') continue;
    const given = e.startsWith('-') ? e.slice(1) : e;
    const name = canonicalName(given);
    if (!name) throw new Error(`"${given}" is not in the list of known controllers (${names.join(', ')})`);
    if (e.startsWith('-')) on.delete(name);
    else on.add(name);
  }
  return names.filter((n) => on.has(n));
}

/** Whether --controllers leaves the in-process garbage collector on (the registry then adds its finalizers). */
export function garbageCollectorEnabled(spec: string[]): boolean {
  return enabledControllers(spec).includes('garbage-collector-controller');
}
