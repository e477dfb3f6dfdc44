import type { APIGroupInfo } from '@kapi/apiserver-core';

/**
 * The API groups of several links as one map, read afresh on every access: custom resources come
 * and go while the controllers holding this map run. The first source wins a group both have.
 */
export class LiveGroups implements ReadonlyMap<string, APIGroupInfo> {
  constructor(private readonly sources: () => ReadonlyMap<string, APIGroupInfo>[]) {}

  private merged(): Map<string, APIGroupInfo> {
    const out = new Map<string, APIGroupInfo>();
    for (const source of this.sources()) for (const [group, info] of source) if (!out.has(group)) out.set(group, info);
    return out;
  }

  get size(): number {
    return this.merged().size;
  }

  get(group: string): APIGroupInfo | undefined {
    return this.merged().get(group);
  }

  has(group: string): boolean {
    return this.merged().has(group);
  }

  forEach(fn: (info: APIGroupInfo, group: string, map: ReadonlyMap<string, APIGroupInfo>) => void): void {
    for (const [group, info] of this.merged()) fn(info, group, this);
  }

  entries(): MapIterator<[string, APIGroupInfo]> {
    return this.merged().entries();
  }

  keys(): MapIterator<string> {
    return this.merged().keys();
  }

  values(): MapIterator<APIGroupInfo> {
    return this.merged().values();
  }

  [Symbol.iterator](): MapIterator<[string, APIGroupInfo]> {
    return this.entries();
  }
}
