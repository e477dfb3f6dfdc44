import { AllocatorError, PersistedRangeAllocator } from './range-allocation';
import type { StorageInterface } from '@kapi/apiserver-core';

/** Parsed CIDR: the network as a bigint, its width and family. */
export interface CIDR {
  text: string;
  family: 'IPv4' | 'IPv6';
  base: bigint;
  bits: number;
  prefix: number;
}

export function parseIP(ip: string): { family: 'IPv4' | 'IPv6'; value: bigint } | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255) || v4.slice(1).some((p) => p.length > 1 && p.startsWith('0'))) return undefined;
    return { family: 'IPv4', value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (!ip.includes(':') || !/^[0-9a-fA-F:]+$/.test(ip)) return undefined;
  const halves = ip.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => g.length === 0 || g.length > 4)) return undefined;
  return { family: 'IPv6', value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

export function formatIP(family: 'IPv4' | 'IPv6', value: bigint): string {
  if (family === 'IPv4') return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => ((value >> s) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as Go's net.IP.String does.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

export function parseCIDR(text: string): CIDR {
  const [ip, prefixText] = text.split('/');
  const parsed = parseIP(ip ?? '');
  const prefix = Number(prefixText);
  const bits = parsed?.family === 'IPv6' ? 128 : 32;
  if (!parsed || prefixText === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > bits) throw new Error(`invalid CIDR address: ${text}`);
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);
  return { text: `${formatIP(parsed.family, parsed.value & mask)}/${prefix}`, family: parsed.family, base: parsed.value & mask, bits, prefix };
}

/** Largest range kept as one bitmap (kube-apiserver caps IPv6 service ranges the same way). */
const maxRangeSize = 1 << 16;

/**
 * ipallocator.Range over a CIDR: the network address (and the IPv4 broadcast address) are never
 * handed out, offset 0 is the first usable address — the `kubernetes` service's.
 */
export class IPAllocator {
  readonly cidr: CIDR;
  readonly size: number;
  private readonly bitmap: PersistedRangeAllocator;

  constructor(storage: StorageInterface, key: string, cidrText: string) {
    this.cidr = parseCIDR(cidrText);
    const hostBits = this.cidr.bits - this.cidr.prefix;
    const total = hostBits >= 31 ? maxRangeSize : 2 ** hostBits;
    const reserved = this.cidr.family === 'IPv4' ? 2 : 1;
    this.size = Math.max(0, Math.min(total - reserved, maxRangeSize));
    this.bitmap = new PersistedRangeAllocator(storage, key, this.cidr.text, this.size);
  }

  get family(): 'IPv4' | 'IPv6' {
    return this.cidr.family;
  }

  private ipAt(offset: number): string {
    return formatIP(this.cidr.family, this.cidr.base + 1n + BigInt(offset));
  }

  /** The offset of ip in this range, or undefined when it lies outside. */
  offsetOf(ip: string): number | undefined {
    const p = parseIP(ip);
    if (!p || p.family !== this.cidr.family) return undefined;
    const off = p.value - this.cidr.base - 1n;
    return off >= 0n && off < BigInt(this.size) ? Number(off) : undefined;
  }

  /** The n-th usable address (0: the first, the kubernetes service's). */
  indexedIP(n: number): string {
    return this.ipAt(n);
  }

  async allocate(ip: string): Promise<void> {
    const off = this.offsetOf(ip);
    if (off === undefined) {
      throw new AllocatorError('NotInRange', `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr.text}`);
    }
    try {
      await this.bitmap.allocate(off);
    } catch (err) {
      if (err instanceof AllocatorError && err.code === 'Allocated') throw new AllocatorError('Allocated', 'provided IP is already allocated');
      throw err;
    }
  }

  async allocateNext(): Promise<string> {
    return this.ipAt(await this.bitmap.allocateNext());
  }

  async release(ip: string): Promise<void> {
    const off = this.offsetOf(ip);
    if (off !== undefined) await this.bitmap.release(off);
  }

  async has(ip: string): Promise<boolean> {
    const off = this.offsetOf(ip);
    return off !== undefined && this.bitmap.has(off);
  }

  free(): Promise<number> {
    return this.bitmap.free();
  }
}
