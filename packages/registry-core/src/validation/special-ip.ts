import { field, type ErrorList, type Path } from '@kapi/apiserver-core';

/**
 * An IP address as Go's net.IP holds it: 16 bytes, IPv4 as an IPv4-mapped IPv6 address — so
 * "::ffff:127.0.0.1" and "127.0.0.1" are the same address to every check below, as in kube.
 */
export type IPBytes = Uint8Array;

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  // Sloppy, as netutils.ParseIPSloppy: leading zeros are allowed and read as decimal.
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.map(Number);
}

function parseIPv6(s: string): number[] | undefined {
  if (!s.includes(':')) return undefined;
  let body = s;
  let tail: number[] = [];
  if (s.includes('.')) {
    // A trailing dotted quad stands for the last two groups ("::ffff:1.2.3.4").
    const i = s.lastIndexOf(':');
    const v4 = parseIPv4(s.slice(i + 1));
    if (!v4) return undefined;
    tail = v4;
    body = s.slice(0, i + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  if (!/^[0-9a-fA-F:]*$/.test(body)) return undefined;
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if ([...left, ...right].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const missing = 8 - tail.length / 2 - left.length - right.length;
  // "::" must stand for at least one group; without it the groups must be complete.
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const words = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right].map((g) => parseInt(g, 16));
  return [...words.flatMap((w) => [w >> 8, w & 0xff]), ...tail];
}

/** netutils.ParseIPSloppy: dotted-quad IPv4 or IPv6 text; no integer, octal or hex forms, no zone. */
export function parseIPSloppy(s: string): IPBytes | undefined {
  const v4 = parseIPv4(s);
  if (v4) return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]);
  const v6 = parseIPv6(s);
  return v6 && v6.length === 16 ? Uint8Array.from(v6) : undefined;
}

/** The IPv4 address an IPv4-mapped address holds (Go's To4), or undefined for a real IPv6 one. */
export function to4(ip: IPBytes): number[] | undefined {
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return undefined;
  return ip[10] === 0xff && ip[11] === 0xff ? [ip[12], ip[13], ip[14], ip[15]] : undefined;
}

const isZero = (bytes: ArrayLike<number>) => Array.prototype.every.call(bytes, (b: number) => b === 0);

export function isUnspecified(ip: IPBytes): boolean {
  const v4 = to4(ip);
  return v4 ? isZero(v4) : isZero(ip);
}

export function isLoopback(ip: IPBytes): boolean {
  const v4 = to4(ip);
  return v4 ? v4[0] === 127 : isZero(ip.subarray(0, 15)) && ip[15] === 1;
}

export function isMulticast(ip: IPBytes): boolean {
  const v4 = to4(ip);
  return v4 ? (v4[0] & 0xf0) === 0xe0 : ip[0] === 0xff;
}

export function isLinkLocalUnicast(ip: IPBytes): boolean {
  const v4 = to4(ip);
  return v4 ? v4[0] === 169 && v4[1] === 254 : ip[0] === 0xfe && (ip[1] & 0xc0) === 0x80;
}

export function isLinkLocalMulticast(ip: IPBytes): boolean {
  const v4 = to4(ip);
  return v4 ? v4[0] === 224 && v4[1] === 0 && v4[2] === 0 : ip[0] === 0xff && (ip[1] & 0x0f) === 0x02;
}

/** net.IP.IsGlobalUnicast: what kube's proxyutil lets the API server connect to. */
export function isGlobalUnicast(ip: IPBytes): boolean {
  const v4 = to4(ip);
  const broadcast = v4 !== undefined && v4.every((b) => b === 255);
  return !broadcast && !isUnspecified(ip) && !isLoopback(ip) && !isMulticast(ip) && !isLinkLocalUnicast(ip);
}

/** Go's net.IP.String: dotted quad for IPv4 (mapped or not), RFC 5952 text for IPv6. */
export function formatIPBytes(ip: IPBytes): string {
  const v4 = to4(ip);
  if (v4) return v4.join('.');
  const words = Array.from({ length: 8 }, (_, i) => (ip[2 * i] << 8) | ip[2 * i + 1]);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/**
 * ValidateNonSpecialIP (pkg/apis/core/validation): Endpoints, EndpointSlices and external IPs may
 * not point at the unspecified address, loopback or link-local ranges — the node's own services
 * and the cloud metadata endpoint must not become reachable through a Service.
 */
export function validateNonSpecialIP(ipAddress: string, path: Path): ErrorList {
  const ip = parseIPSloppy(ipAddress);
  if (!ip) return [field.invalid(path, ipAddress, 'must be a valid IP address')];
  const errs: ErrorList = [];
  if (isUnspecified(ip)) errs.push(field.invalid(path, ipAddress, `may not be unspecified (${ipAddress})`));
  if (isLoopback(ip)) errs.push(field.invalid(path, ipAddress, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (isLinkLocalUnicast(ip)) errs.push(field.invalid(path, ipAddress, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (isLinkLocalMulticast(ip)) errs.push(field.invalid(path, ipAddress, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}
