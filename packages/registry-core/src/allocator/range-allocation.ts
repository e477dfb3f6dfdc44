import { randomInt } from 'node:crypto';
import type { KObject, StorageInterface } from '@kapi/apiserver-core';

/** allocator errors, with the texts kube-apiserver puts into its messages. */
export class AllocatorError extends Error {
  constructor(
    readonly code: 'Allocated' | 'Full' | 'NotInRange',
    message: string,
  ) {
    super(message);
  }
}

/** api.RangeAllocation: the bitmap of a range as kube-apiserver stores it (/ranges/serviceips …). */
export interface RangeAllocation extends KObject {
  range?: string;
  /** The bitmap, base64, bit i set = offset i allocated. */
  data?: string;
}

function bitmapOf(obj: RangeAllocation | undefined, rangeSpec: string, size: number): Buffer {
  const bytes = Math.ceil(size / 8);
  const out = Buffer.alloc(bytes);
  // A bitmap of another range (a changed flag) is not reinterpreted: allocations restart from empty.
  if (obj?.range === rangeSpec && obj.data) Buffer.from(obj.data, 'base64').copy(out, 0, 0, bytes);
  return out;
}

const isSet = (b: Buffer, i: number) => (b[i >> 3] & (1 << (i & 7))) !== 0;
const setBit = (b: Buffer, i: number, on: boolean) => {
  if (on) b[i >> 3] |= 1 << (i & 7);
  else b[i >> 3] &= ~(1 << (i & 7));
};

/**
 * The static band at the start of a range (KEP-3070 / KEP-3668): dynamic allocations prefer the
 * upper part so addresses and ports chosen by users rarely collide with them.
 */
export function staticBandSize(size: number): number {
  if (size < 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 16)), 256);
}

/**
 * A bitmap allocator whose every operation is one compare-and-swap on its storage key
 * (allocator/storage.Etcd): concurrent creates in this or another server never share an offset,
 * and the state survives restarts.
 */
export class PersistedRangeAllocator {
  constructor(
    private readonly storage: StorageInterface,
    private readonly key: string,
    readonly rangeSpec: string,
    readonly size: number,
  ) {}

  private async mutate<T>(fn: (bits: Buffer) => T): Promise<T> {
    let result!: T;
    await this.storage.guaranteedUpdate(this.key, {
      ignoreNotFound: true,
      tryUpdate: async (existing) => {
        const bits = bitmapOf(existing as RangeAllocation, this.rangeSpec, this.size);
        result = fn(bits);
        const obj: RangeAllocation = {
          apiVersion: 'v1',
          kind: 'RangeAllocation',
          metadata: { name: this.key.split('/').pop() },
          range: this.rangeSpec,
          data: bits.toString('base64'),
        };
        return { obj };
      },
    });
    return result;
  }

  /** Marks offset as used; AllocatorError('Allocated') when it already is. */
  allocate(offset: number): Promise<void> {
    return this.mutate((bits) => {
      if (isSet(bits, offset)) throw new AllocatorError('Allocated', 'provided value is already allocated');
      setBit(bits, offset, true);
    });
  }

  /** A random free offset, from the dynamic band first; AllocatorError('Full') when none is left. */
  allocateNext(): Promise<number> {
    return this.mutate((bits) => {
      const band = staticBandSize(this.size);
      const pick = (from: number, to: number): number | undefined => {
        const n = to - from;
        if (n <= 0) return undefined;
        const start = randomInt(n);
        for (let i = 0; i < n; i++) {
          const off = from + ((start + i) % n);
          if (!isSet(bits, off)) return off;
        }
        return undefined;
      };
      const off = pick(band, this.size) ?? pick(0, band);
      if (off === undefined) throw new AllocatorError('Full', 'range is full');
      setBit(bits, off, true);
      return off;
    });
  }

  /** Frees offset; releasing a free one is not an error. */
  release(offset: number): Promise<void> {
    return this.mutate((bits) => setBit(bits, offset, false));
  }

  async has(offset: number): Promise<boolean> {
    const obj = (await this.storage.get(this.key, { ignoreNotFound: true })) as RangeAllocation | undefined;
    return isSet(bitmapOf(obj, this.rangeSpec, this.size), offset);
  }

  async free(): Promise<number> {
    const obj = (await this.storage.get(this.key, { ignoreNotFound: true })) as RangeAllocation | undefined;
    const bits = bitmapOf(obj, this.rangeSpec, this.size);
    let used = 0;
    for (let i = 0; i < this.size; i++) if (isSet(bits, i)) used++;
    return this.size - used;
  }
}
