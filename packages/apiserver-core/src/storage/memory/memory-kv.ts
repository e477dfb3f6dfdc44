import { KVError, type KV, type KVEvent, type KVWatch, type KVWatchSink, type KeyValue, type RangeOptions, type RangeResult, type TxnResult } from '../kv/interfaces';

interface Version {
  kv: KeyValue;
  deleted: boolean;
}

interface Watcher {
  prefix: string;
  sink: KVWatchSink;
}

/**
 * An in-memory MVCC key-value store with etcd's semantics: one global revision, per-key history,
 * compare-and-swap on modRevision, watch replay from any uncompacted revision, leases as timers.
 * Nothing survives the process: it backs `--storage-backend memory` and tests.
 */
export class MemoryKV implements KV {
  private rev = 1;
  private compacted = 0;
  private readonly history = new Map<string, Version[]>();
  private readonly sortedKeys: string[] = [];
  private readonly log: KVEvent[] = [];
  private readonly watchers = new Set<Watcher>();
  private readonly leases = new Map<string, NodeJS.Timeout>();
  private nextLease = 1;
  private closed = false;

  async get(key: string, revision = 0): Promise<{ kv?: KeyValue; revision: number }> {
    this.checkRevision(revision);
    return { kv: this.at(key, revision || this.rev), revision: this.rev };
  }

  async range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    const revision = opts.revision || this.rev;
    this.checkRevision(opts.revision ?? 0);
    const start = opts.startKey && opts.startKey > prefix ? opts.startKey : prefix;
    const kvs: KeyValue[] = [];
    let count = 0;
    for (let i = lowerBound(this.sortedKeys, start); i < this.sortedKeys.length; i++) {
      const key = this.sortedKeys[i];
      if (!key.startsWith(prefix)) break;
      const kv = this.at(key, revision);
      if (!kv) continue;
      count++;
      if (!opts.limit || kvs.length < opts.limit) kvs.push(kv);
    }
    return { kvs, revision: this.rev, more: count > kvs.length, count };
  }

  async count(prefix: string): Promise<number> {
    return (await this.range(prefix)).count;
  }

  async create(key: string, value: Buffer, ttlSeconds?: number): Promise<TxnResult> {
    const current = this.at(key, this.rev);
    if (current) return { succeeded: false, revision: this.rev, kv: current };
    return { succeeded: true, revision: this.rev + 1, kv: this.put(key, value, undefined, ttlSeconds) };
  }

  async update(key: string, value: Buffer, expectedModRevision: number, ttlSeconds?: number): Promise<TxnResult> {
    const current = this.at(key, this.rev);
    if (!current || current.modRevision !== expectedModRevision) return { succeeded: false, revision: this.rev, kv: current };
    return { succeeded: true, revision: this.rev + 1, kv: this.put(key, value, current, ttlSeconds) };
  }

  async delete(key: string, expectedModRevision: number): Promise<TxnResult> {
    const current = this.at(key, this.rev);
    if (!current || current.modRevision !== expectedModRevision) return { succeeded: false, revision: this.rev, kv: current };
    this.remove(key, current);
    return { succeeded: true, revision: this.rev, kv: current };
  }

  watch(prefix: string, startRevision: number, sink: KVWatchSink): KVWatch {
    const w: Watcher = { prefix, sink };
    if (startRevision > 0 && startRevision <= this.compacted) {
      const compacted = this.compacted;
      queueMicrotask(() => sink.error(new KVError('Compacted', `required revision ${startRevision} has been compacted`, compacted)));
      return { cancel: () => undefined };
    }
    if (startRevision > 0) {
      for (const ev of this.log) if (ev.kv.modRevision >= startRevision && ev.kv.key.startsWith(prefix)) sink.event(ev);
    }
    this.watchers.add(w);
    return { cancel: () => this.watchers.delete(w) };
  }

  async currentRevision(): Promise<number> {
    return this.rev;
  }

  async compact(revision: number): Promise<void> {
    if (revision <= this.compacted) return;
    this.compacted = Math.min(revision, this.rev);
    for (const [key, versions] of this.history) {
      const keepFrom = versions.findIndex((v) => v.kv.modRevision > this.compacted);
      const cut = keepFrom < 0 ? versions.length - 1 : keepFrom - 1;
      const kept = cut >= 0 && !versions[cut].deleted ? versions.slice(cut) : versions.slice(cut + 1);
      if (kept.length === 0) this.dropKey(key);
      else this.history.set(key, kept);
    }
    const firstKept = this.log.findIndex((ev) => ev.kv.modRevision > this.compacted);
    this.log.splice(0, firstKept < 0 ? this.log.length : firstKept);
  }

  async requestProgress(): Promise<void> {
    for (const w of this.watchers) w.sink.progress?.(this.rev);
  }

  async health(): Promise<void> {
    if (this.closed) throw new KVError('Unavailable', 'memory store is closed');
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.leases.values()) clearTimeout(t);
    this.leases.clear();
    this.watchers.clear();
  }

  private checkRevision(revision: number): void {
    if (revision > 0 && revision <= this.compacted && revision !== this.rev) {
      throw new KVError('Compacted', `required revision ${revision} has been compacted`, this.compacted);
    }
    if (revision > this.rev) throw new KVError('FutureRevision', `required revision ${revision} is a future revision`, this.rev);
  }

  private at(key: string, revision: number): KeyValue | undefined {
    const versions = this.history.get(key);
    if (!versions) return undefined;
    for (let i = versions.length - 1; i >= 0; i--) {
      if (versions[i].kv.modRevision <= revision) return versions[i].deleted ? undefined : versions[i].kv;
    }
    return undefined;
  }

  private put(key: string, value: Buffer, prev: KeyValue | undefined, ttlSeconds?: number): KeyValue {
    this.rev++;
    const kv: KeyValue = { key, value, createRevision: prev?.createRevision ?? this.rev, modRevision: this.rev };
    this.setLease(kv, ttlSeconds);
    this.append(key, { kv, deleted: false });
    this.emit({ type: 'put', kv, prevKv: prev });
    return kv;
  }

  private remove(key: string, prev: KeyValue): void {
    this.rev++;
    this.clearLease(key);
    const tomb: KeyValue = { key, value: Buffer.alloc(0), createRevision: 0, modRevision: this.rev };
    this.append(key, { kv: tomb, deleted: true });
    this.emit({ type: 'delete', kv: tomb, prevKv: prev });
  }

  private setLease(kv: KeyValue, ttlSeconds?: number): void {
    this.clearLease(kv.key);
    if (!ttlSeconds || ttlSeconds <= 0) return;
    kv.lease = this.nextLease++;
    const timer = setTimeout(() => {
      const current = this.at(kv.key, this.rev);
      if (current && current.lease === kv.lease) this.remove(kv.key, current);
    }, ttlSeconds * 1000);
    timer.unref();
    this.leases.set(kv.key, timer);
  }

  private clearLease(key: string): void {
    const t = this.leases.get(key);
    if (t) clearTimeout(t);
    this.leases.delete(key);
  }

  private append(key: string, v: Version): void {
    const versions = this.history.get(key);
    if (versions) versions.push(v);
    else {
      this.history.set(key, [v]);
      this.sortedKeys.splice(lowerBound(this.sortedKeys, key), 0, key);
    }
  }

  private dropKey(key: string): void {
    this.history.delete(key);
    const i = lowerBound(this.sortedKeys, key);
    if (this.sortedKeys[i] === key) this.sortedKeys.splice(i, 1);
  }

  private emit(ev: KVEvent): void {
    this.log.push(ev);
    for (const w of this.watchers) if (ev.kv.key.startsWith(w.prefix)) w.sink.event(ev);
  }
}

function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
