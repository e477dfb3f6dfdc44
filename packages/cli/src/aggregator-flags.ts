import type { ServerRunOptions } from '@kapi/controlplane';
import { parseDuration } from './duration';

/** kube-apiserver's aggregator flags, and kapi's fixed service addresses for hosts without a cluster network. */
export const aggregatorFlagSpec = {
  'proxy-client-cert-file': {
    type: 'string',
    description:
      'Client certificate used to prove the identity of the aggregator or kube-apiserver when it must call out during a request. This includes proxying requests to a user api-server and calling out to webhook admission plugins.',
  },
  'proxy-client-key-file': {
    type: 'string',
    description: 'Private key for the client certificate used to prove the identity of the aggregator or kube-apiserver when it must call out during a request.',
  },
  'enable-aggregator-routing': { type: 'string', bool: true, description: 'Turns on aggregator routing requests to endpoints IP rather than cluster IP.' },
  'aggregator-service-address': {
    type: 'string',
    multiple: true,
    description:
      "kapi only: <namespace>/<name>:<port>=<host>:<port> — where the aggregator reaches an APIService's Service when no cluster network routes its ClusterIP (loopback test setups). Repeatable. Services not listed resolve to their ClusterIP, never to loopback.",
  },
  'aggregator-availability-check-interval': { type: 'string', description: 'kapi only: how often remote APIServices are checked for availability. (default 10s)' },
} as const;

export function applyAggregatorFlags(values: Record<string, string | string[] | boolean | undefined>, opts: ServerRunOptions): void {
  const str = (name: keyof typeof aggregatorFlagSpec) => values[name] as string | undefined;
  const addresses = values['aggregator-service-address'] as string[] | undefined;
  const a = (opts.aggregator ??= {});
  if (str('proxy-client-cert-file') !== undefined) a.proxyClientCertFile = str('proxy-client-cert-file');
  if (str('proxy-client-key-file') !== undefined) a.proxyClientKeyFile = str('proxy-client-key-file');
  if (str('aggregator-availability-check-interval') !== undefined) a.availabilityIntervalMs = parseDuration(str('aggregator-availability-check-interval')!);
  const routing = str('enable-aggregator-routing');
  if (routing !== undefined) {
    if (!['true', 'false', ''].includes(routing))
      throw new Error(`invalid argument "${routing}" for "--enable-aggregator-routing" flag: strconv.ParseBool: parsing "${routing}": invalid syntax`);
    a.enableAggregatorRouting = routing !== 'false';
  }
  for (const entry of addresses?.flatMap((s) => s.split(',')) ?? []) {
    const m = /^([^/=]+)\/([^:=]+):(\d+)=(.+:\d+)$/.exec(entry.trim());
    if (!m) throw new Error(`invalid --aggregator-service-address "${entry}": want <namespace>/<name>:<port>=<host>:<port>`);
    (a.serviceAddresses ??= {})[`${m[1]}/${m[2]}:${m[3]}`] = m[4];
  }
}
