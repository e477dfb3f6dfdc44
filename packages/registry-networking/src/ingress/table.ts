import type { TableColumn } from '@kapi/apiserver-core';
import type { Ingress } from './types';

const shownHosts = 3;

/**
 * Up to three hosts (rules without one are skipped), "*" when no rule names one. The "+ N more"
 * count is of rules, not hosts, as kube prints it.
 */
function formatHosts(ing: Ingress): string {
  const rules = ing.spec?.rules ?? [];
  const hosts: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (hosts.length === shownHosts) {
      more = true;
      break;
    }
    if (rule.host) hosts.push(rule.host);
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${rules.length - shownHosts} more...` : hosts.join(',');
}

/**
 * The load balancer's IPs (else hostnames), sorted and deduplicated. Never clipped: kube's server-side
 * Table is generated in the wide form whatever kubectl's -o says.
 */
function formatAddress(ing: Ingress): string {
  const addresses = new Set<string>();
  for (const lb of ing.status?.loadBalancer?.ingress ?? []) {
    if (lb.ip) addresses.add(lb.ip);
    else if (lb.hostname) addresses.add(lb.hostname);
  }
  return [...addresses].sort().join(',');
}

/** kubectl get ingresses: NAME CLASS HOSTS ADDRESS PORTS AGE (printIngress). */
export const ingressTable: TableColumn[] = [
  { name: 'Class', description: 'The IngressClass that handles the ingress.', cell: (o) => (o as Ingress).spec?.ingressClassName ?? '<none>' },
  { name: 'Hosts', description: 'The hosts the rules match.', cell: (o) => formatHosts(o as Ingress) },
  { name: 'Address', description: 'Where the load balancer serves the ingress.', cell: (o) => formatAddress(o as Ingress) },
  { name: 'Ports', description: 'The ports the ingress is served on.', cell: (o) => ((o as Ingress).spec?.tls?.length ? '80, 443' : '80') },
];
