import { readFileSync } from 'node:fs';
import { type APIGroupInfo, type DiscoveryState, type GenericAPIServer } from '@kapi/apiserver-core';
import { apiregistrationGroup } from './apis/apiservice/types';
import { APIServiceCache } from './apiservice-cache';
import { AutoRegisterController, type LocalGroupVersion } from './autoregister/autoregister-controller';
import { RemoteDiscovery } from './discovery/remote-discovery';
import { newProxyHandler } from './proxy/handler-proxy';
import { ProxyTransport, type ProxyClientCertificate } from './proxy/proxy-transport';
import { ClusterIPServiceResolver, EndpointServiceResolver, StaticServiceResolver } from './proxy/service-resolver';
import { AvailableConditionController } from './status/available-controller';

/** What kube-apiserver's aggregator flags and the server chain give the aggregator. */
export interface AggregatorOptions {
  /** --proxy-client-cert-file / --proxy-client-key-file. */
  proxyClientCertFile?: string;
  proxyClientKeyFile?: string;
  /** `<namespace>/<name>:<port>` → `host:port`: fixed addresses for Services where no cluster network exists. */
  serviceAddresses?: Record<string, string>;
  /** --enable-aggregator-routing: proxy to a Service's endpoints instead of its ClusterIP. */
  enableAggregatorRouting?: boolean;
  /** How often remote APIServices are checked (default 10s) and the check's deadline (default 5s). */
  availabilityIntervalMs?: number;
  availabilityTimeoutMs?: number;
}

export interface AggregatorConfig extends AggregatorOptions {
  /** The front server: its filters authenticate and authorize every proxied request. */
  server: GenericAPIServer;
  discovery: DiscoveryState;
  /** Every group the process serves (built-in, plugins, CRDs), read afresh. */
  groups: ReadonlyMap<string, APIGroupInfo>;
  localGroupVersions: () => LocalGroupVersion[];
}

function proxyClientCertificate(opts: AggregatorOptions): ProxyClientCertificate | undefined {
  if (!opts.proxyClientCertFile && !opts.proxyClientKeyFile) return undefined;
  if (!opts.proxyClientCertFile || !opts.proxyClientKeyFile) throw new Error('--proxy-client-cert-file and --proxy-client-key-file must be given together');
  return { cert: readFileSync(opts.proxyClientCertFile, 'utf8'), key: readFileSync(opts.proxyClientKeyFile, 'utf8') };
}

/**
 * A group's priority: the highest groupPriorityMinimum of its APIServices (kube sorts by it); the
 * aggregator's own group has no APIService and comes first, as kube's apis handler puts it.
 */
function groupPriorities(cache: APIServiceCache): (group: string) => number | undefined {
  const byGroup = new Map<string, number>();
  for (const s of cache.list()) {
    const group = s.spec?.group ?? '';
    const p = s.spec?.groupPriorityMinimum ?? 0;
    if (p > (byGroup.get(group) ?? -1)) byGroup.set(group, p);
  }
  return (group) => (group === apiregistrationGroup ? Infinity : byGroup.get(group));
}

/**
 * The aggregator (kube-aggregator's APIAggregator) in front of the kube API server: the
 * apiregistration group is one of the served groups; this installs what acts on its APIServices —
 * autoregister, availability, remote discovery and OpenAPI, the proxy handler. (The
 * extension-apiserver-authentication ConfigMap extension servers read is controlplane's cluster
 * authentication trust controller's, as in kube-apiserver.) Bad certificate flags stop start-up here.
 */
export function installAggregator(config: AggregatorConfig): void {
  const info = config.groups.get(apiregistrationGroup)?.versionedResourcesStorageMap.v1;
  if (!info?.apiservices || !info['apiservices/status']) return;
  const clientCert = proxyClientCertificate(config);
  const cluster = config.enableAggregatorRouting ? new EndpointServiceResolver(config.groups) : new ClusterIPServiceResolver(config.groups);
  const resolver = new StaticServiceResolver(config.serviceAddresses ?? {}, cluster);
  const transport = new ProxyTransport(resolver, clientCert);
  const cache = new APIServiceCache(info.apiservices);
  const timeoutMs = config.availabilityTimeoutMs ?? 5000;
  const remoteDiscovery = new RemoteDiscovery(config.discovery, cache, transport, timeoutMs);
  const available = new AvailableConditionController(cache, info['apiservices/status'], transport, {
    intervalMs: config.availabilityIntervalMs ?? 10_000,
    timeoutMs,
    onChecked: (s, r) => remoteDiscovery.checked(s, r),
  });
  const autoregister = new AutoRegisterController(info.apiservices, config.localGroupVersions);
  cache.onChange(() => transport.retain(new Set(cache.list().map((s) => s.metadata?.name ?? ''))));
  // /apis and aggregated discovery list groups by their APIServices' groupPriorityMinimum, as kube's.
  cache.onChange(() => config.discovery.setGroupPriority(groupPriorities(cache)));
  const { server } = config;
  server.handle(newProxyHandler(cache, transport));
  server.addPostStartHook('start-kube-aggregator-informers', () => {
    cache.start();
    return cache.waitForSync();
  });
  // Not awaited: readiness does not wait for the local APIServices (kapi's start-up stays well under a second).
  server.addPostStartHook('apiservice-registration-controller', () => autoregister.start());
  server.addPostStartHook('apiservice-status-available-controller', () => available.start());
  server.addPreShutdownHook('stop-kube-aggregator', () => {
    available.stop();
    autoregister.stop();
    cache.stop();
    transport.close();
  });
}
