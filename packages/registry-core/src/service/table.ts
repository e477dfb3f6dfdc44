import { ageColumn, ColumnTableConvertor, nameColumn, type KObject, type J } from '@kapi/apiserver-core';

function externalIP(o: KObject): string {
  const spec = (o.spec ?? {}) as J;
  const external: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ExternalName':
      return spec.externalName ?? '<none>';
    case 'LoadBalancer': {
      const ingress = (((o.status as J | undefined)?.loadBalancer?.ingress ?? []) as J[]).map((i) => i.ip || i.hostname).filter(Boolean);
      const all = [...ingress, ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    default:
      return external.length ? external.join(',') : '<none>';
  }
}

function ports(o: KObject): string {
  const list = (((o.spec as J | undefined)?.ports ?? []) as J[]).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`));
  return list.length ? list.join(',') : '<none>';
}

function selector(o: KObject): string {
  const s = Object.entries(((o.spec as J | undefined)?.selector ?? {}) as Record<string, string>);
  return s.length ? s.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

/** kubectl get services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE (+ SELECTOR with -o wide). */
export const serviceTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Type', description: 'type determines how the Service is exposed.', cell: (o) => (o.spec as J | undefined)?.type ?? '' },
  {
    name: 'Cluster-IP',
    description: 'clusterIP is the IP address of the service and is usually assigned randomly.',
    cell: (o) => (o.spec as J | undefined)?.clusterIP || '<none>',
  },
  { name: 'External-IP', description: 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.', cell: externalIP },
  { name: 'Port(s)', description: 'The list of ports that are exposed by this service.', cell: ports },
  ageColumn,
  { name: 'Selector', priority: 1, description: 'Route service traffic to pods with label keys and values matching this selector.', cell: selector },
]);
