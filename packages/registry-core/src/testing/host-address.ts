import os from 'node:os';
import { isProxyableAddress } from '../proxy/proxyable';
import { parseIPSloppy } from '../validation/special-ip';

/**
 * An IPv4 address of this host that the proxy checks allow (not loopback, not link-local): tests of
 * nodes/pods/services proxy serve their fake kubelet or pod there, as a real one would listen.
 */
export function proxyableHostAddress(): string | undefined {
  for (const addrs of Object.values(os.networkInterfaces())) {
    for (const a of addrs ?? []) {
      const ip = parseIPSloppy(a.address);
      if (a.family === 'IPv4' && !a.internal && ip && isProxyableAddress(ip)) return a.address;
    }
  }
  return undefined;
}
