import { ageColumn, ColumnTableConvertor, nameColumn, type KObject, type J } from '@kapi/apiserver-core';

/** formatEndpoints: up to three ip:port pairs, then "+ N more...". */
function endpointsCell(o: KObject): string {
  const pairs: string[] = [];
  for (const s of (o.subsets ?? []) as J[]) {
    const ports: J[] = s.ports?.length ? s.ports : [{}];
    for (const a of (s.addresses ?? []) as J[]) for (const p of ports) pairs.push(p.port ? `${a.ip}:${p.port}` : a.ip);
  }
  if (pairs.length === 0) return '<none>';
  return pairs.length > 3 ? `${pairs.slice(0, 3).join(',')} + ${pairs.length - 3} more...` : pairs.join(',');
}

/** kubectl get endpoints: NAME ENDPOINTS AGE. */
export const endpointsTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Endpoints', description: 'Endpoints is the list of addresses and ports served by this service.', cell: endpointsCell },
  ageColumn,
]);
