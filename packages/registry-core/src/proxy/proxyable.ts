import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { newBadRequest } from '@kapi/apiserver-core';
import { formatIPBytes, isGlobalUnicast, parseIPSloppy, to4, type IPBytes } from '../validation/special-ip';

/** proxyutil's errors, with its text: kube turns them into a 400 Status. */
export const errAddressNotAllowed = 'address not allowed';
export const errNoAddresses = 'No addresses for hostname';

function mapped(v4: number[]): IPBytes {
  return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]);
}

/**
 * IPv6 forms that carry an IPv4 address a host or gateway may turn back into IPv4: IPv4-compatible
 * (::a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
 */
function embeddedIPv4(ip: IPBytes): number[] | undefined {
  const zeros = (from: number, to: number) => ip.subarray(from, to).every((b) => b === 0);
  if (zeros(0, 12)) return [...ip.subarray(12)];
  if (zeros(0, 8) && ip[8] === 0xff && ip[9] === 0xff && ip[10] === 0 && ip[11] === 0) return [...ip.subarray(12)];
  if (ip[0] === 0x00 && ip[1] === 0x64 && ip[2] === 0xff && ip[3] === 0x9b && zeros(4, 12)) return [...ip.subarray(12)];
  if (ip[0] === 0x20 && ip[1] === 0x02) return [...ip.subarray(2, 6)];
  return undefined;
}

/**
 * IsProxyableIP: only global unicast destinations (net.IP.IsGlobalUnicast — no loopback,
 * link-local, unspecified, multicast or broadcast), in whatever notation they come. kapi also
 * refuses 0.0.0.0/8 (Linux connects 0.x to the host itself) and IPv4 hidden in IPv6 forms
 * that translate back to a refused IPv4 address.
 */
export function isProxyableAddress(ip: IPBytes): boolean {
  if (!isGlobalUnicast(ip)) return false;
  const v4 = to4(ip);
  if (v4) return v4[0] !== 0;
  const inner = embeddedIPv4(ip);
  return inner ? isProxyableAddress(mapped(inner)) && inner[0] !== 0 : true;
}

/**
 * A pod or endpoint IP the API server may connect to, in canonical text (so that no URL parser reads
 * "010.0.0.1" or "0x7f.1" differently from this check); a 400 "address not allowed" otherwise. An
 * integer, octal or hex form is not an IP address to kube (ParseIPSloppy), so it is refused too.
 */
export function proxyableIP(ip: unknown): string {
  const parsed = typeof ip === 'string' ? parseIPSloppy(ip) : undefined;
  if (!parsed || !isProxyableAddress(parsed)) throw newBadRequest(errAddressNotAllowed);
  return formatIPBytes(parsed);
}

/**
 * IsProxyableHostname: every address a node's hostname resolves to must be proxyable; the one
 * returned is the one to connect to, so that a second resolution (DNS rebinding) cannot swap in
 * another. The system resolver is used, as the connection would use it — it reads "2130706433"
 * or "0x7f.1" as 127.0.0.1, which is why the check runs on what it returns.
 */
export async function resolveProxyableHost(hostname: string): Promise<string> {
  let addresses: { address: string }[];
  try {
    addresses = await lookup(hostname, { all: true, verbatim: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw newBadRequest(code === 'ENOTFOUND' || code === 'ENODATA' ? `lookup ${hostname}: no such host` : `lookup ${hostname}: ${(err as Error).message}`);
  }
  if (addresses.length === 0) throw newBadRequest(errNoAddresses);
  const checked = addresses.map((a) => parseIPSloppy(a.address.replace(/%.*$/, '')));
  if (checked.some((ip) => !ip || !isProxyableAddress(ip))) throw newBadRequest(errAddressNotAllowed);
  return formatIPBytes(checked[0]!);
}

/** A `lookup` for http.request that answers with the address already checked, whatever the host name. */
export function pinnedLookup(address: string): LookupFunction {
  const family = address.includes(':') ? 6 : 4;
  return ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (opts?.all) cb(null, [{ address, family }]);
    else cb(null, address, family);
  }) as LookupFunction;
}

/** net.JoinHostPort: brackets around an IPv6 address. */
export function joinHostPort(host: string, port: string | number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
