import type { TableColumn } from '@kapi/apiserver-core';
import type { EndpointSlice } from './types';

const shown = 3;

/** At most three entries, then "+ N more..."; "<unset>" when there are none (printers.go listWithMoreString). */
function listWithMore(items: string[]): string {
  if (items.length === 0) return '<unset>';
  const head = items.slice(0, shown).join(',');
  return items.length > shown ? `${head} + ${items.length - shown} more...` : head;
}

/** A port prints as its number, else its name, else "*". */
function formatPorts(slice: EndpointSlice): string {
  return listWithMore((slice.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : p.name !== undefined ? p.name : '*')));
}

function formatEndpoints(slice: EndpointSlice): string {
  return listWithMore((slice.endpoints ?? []).flatMap((e) => e.addresses ?? []));
}

/** kubectl get endpointslices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE (printEndpointSlice). */
export const endpointSliceTable: TableColumn[] = [
  { name: 'AddressType', description: 'The type of the addresses the slice carries.', cell: (o) => (o as EndpointSlice).addressType ?? '' },
  { name: 'Ports', description: 'The ports each endpoint of the slice exposes.', cell: (o) => formatPorts(o as EndpointSlice) },
  { name: 'Endpoints', description: 'The addresses of the endpoints in the slice.', cell: (o) => formatEndpoints(o as EndpointSlice) },
];
