import type { EndpointSlice } from './types';

/** SetDefaults_EndpointPort: an unnamed port is named "" and TCP is the protocol. */
export function setEndpointSliceDefaults(slice: EndpointSlice): void {
  for (const port of slice.ports ?? []) {
    port.name ??= '';
    port.protocol ??= 'TCP';
  }
}
