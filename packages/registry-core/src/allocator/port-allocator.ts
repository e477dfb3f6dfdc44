import type { StorageInterface } from '@kapi/apiserver-core';
import { AllocatorError, PersistedRangeAllocator } from './range-allocation';

/** net.PortRange: "30000-32767" (or a single port). */
export function parsePortRange(text: string): { base: number; size: number } {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`invalid port range: ${JSON.stringify(text)}`);
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  if (low < 1 || high > 65535 || high < low) throw new Error(`invalid port range: ${JSON.stringify(text)}`);
  return { base: low, size: high - low + 1 };
}

/** portallocator.PortAllocator over --service-node-port-range. */
export class PortAllocator {
  readonly base: number;
  readonly size: number;
  private readonly bitmap: PersistedRangeAllocator;

  constructor(
    storage: StorageInterface,
    key: string,
    readonly rangeText: string,
  ) {
    const r = parsePortRange(rangeText);
    this.base = r.base;
    this.size = r.size;
    this.bitmap = new PersistedRangeAllocator(storage, key, `${r.base}-${r.base + r.size - 1}`, r.size);
  }

  get range(): string {
    return `${this.base}-${this.base + this.size - 1}`;
  }

  async allocate(port: number): Promise<void> {
    const off = port - this.base;
    if (!Number.isInteger(port) || off < 0 || off >= this.size) {
      throw new AllocatorError('NotInRange', `provided port is not in the valid range. The range of valid ports is ${this.range}`);
    }
    try {
      await this.bitmap.allocate(off);
    } catch (err) {
      if (err instanceof AllocatorError && err.code === 'Allocated') throw new AllocatorError('Allocated', 'provided port is already allocated');
      throw err;
    }
  }

  async allocateNext(): Promise<number> {
    return this.base + (await this.bitmap.allocateNext());
  }

  async release(port: number): Promise<void> {
    const off = port - this.base;
    if (off >= 0 && off < this.size) await this.bitmap.release(off);
  }

  has(port: number): Promise<boolean> {
    return this.bitmap.has(port - this.base);
  }

  free(): Promise<number> {
    return this.bitmap.free();
  }
}
