import * as storage from '../kv/interfaces';
import { realClock, type Clock } from '../../util/clock';
import { LeaseSweeper } from './lease-sweeper';
import type { LogTables } from './log-tables';
import { RevisionLog, type WriteOutcome } from './revision-log';
import { WatchHub } from './watch-hub';

export interface LogKVOptions {
  /** Names the store in errors ("embedded store is closed"). */
  name?: string;
  /** Background failures (lease expiry, resumed compaction); they are retried, not fatal. */
  onError?: (err: unknown) => void;
  /** Runs after the tables closed (e.g. releasing a data-dir lock). */
  onClosed?: () => void;
  /**
   * Asked before a create or update with the write's cost (etcd's: key + value + 256 bytes of
   * overhead); throws KVError NoSpace to refuse it. Deletes, lease expiry and compaction are never
   * refused, so a full store can always be made smaller (etcd's quota does the same).
   */
  admitPut?: (cost: number) => void;
  /** The time TTLs run on (default the wall clock; the testing kit's clock moves it). */
  clock?: Clock;
}

/** etcd's kvOverhead: what a put costs beyond its key and value in the quota's reckoning. */
const putOverheadBytes = 256;

/** Log rows removed per compaction transaction. */
const compactBatchRows = 2000;

/** A write's event waiting for the writes before it to commit, so watchers get revision order. */
interface PublishSlot {
  state: 'pending' | 'committed' | 'failed';
  event?: storage.KVEvent;
}

/**
 * The KV surface (etcd's semantics) over any LogTables, in one place: RevisionLog keeps revisions,
 * compare-and-swap writes, history and compaction; WatchHub replays and streams events in revision
 * order; LeaseSweeper expires TTL keys. A backend only supplies the tables — LMDB for the embedded
 * store, plain maps for memory — the way kine's drivers only supply SQL under its log-structured layer.
 */
export class LogKV implements storage.KV {
  private readonly log: RevisionLog;
  private readonly hub: WatchHub;
  private readonly sweeper: LeaseSweeper;
  private readonly publishQueue: PublishSlot[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private compaction: Promise<void> = Promise.resolve();
  private closing?: Promise<void>;

  private readonly name: string;
  private readonly clock: Clock;

  constructor(
    protected readonly tables: LogTables,
    private readonly opts: LogKVOptions = {},
  ) {
    this.name = opts.name ?? 'store';
    this.clock = opts.clock ?? realClock;
    const onError = opts.onError ?? (() => undefined);
    this.log = new RevisionLog(this.tables);
    this.hub = new WatchHub(this.log, () => this.tables.refreshSnapshot());
    this.sweeper = new LeaseSweeper(
      () => this.tables.leases(),
      async (lease) => void (await this.write(() => this.log.expire(lease))),
      onError,
      this.clock,
    );
    this.sweeper.start();
    // A compaction cut short by a crash finishes now.
    if (this.log.compactionPending()) this.compaction = this.finishCompaction().catch(onError);
  }

  async get(key: string, revision = 0): Promise<{ kv?: storage.KeyValue; revision: number }> {
    this.checkOpen();
    return this.log.get(key, revision);
  }

  async range(prefix: string, opts?: storage.RangeOptions): Promise<storage.RangeResult> {
    this.checkOpen();
    return this.log.range(prefix, opts);
  }

  async count(prefix: string): Promise<number> {
    this.checkOpen();
    return this.log.range(prefix, { limit: 1 }).count;
  }

  async create(key: string, value: Buffer, ttlSeconds?: number): Promise<storage.TxnResult> {
    this.admitPut(key, value);
    const expiresAt = expiry(this.clock, ttlSeconds);
    return this.write(() => this.log.create(key, value, expiresAt));
  }

  async update(key: string, value: Buffer, expectedModRevision: number, ttlSeconds?: number): Promise<storage.TxnResult> {
    this.admitPut(key, value);
    const expiresAt = expiry(this.clock, ttlSeconds);
    return this.write(() => this.log.update(key, value, expectedModRevision, expiresAt));
  }

  private admitPut(key: string, value: Buffer): void {
    this.checkOpen();
    this.opts.admitPut?.(Buffer.byteLength(key) + value.length + putOverheadBytes);
  }

  delete(key: string, expectedModRevision: number): Promise<storage.TxnResult> {
    return this.write(() => this.log.delete(key, expectedModRevision));
  }

  watch(prefix: string, startRevision: number, sink: storage.KVWatchSink): storage.KVWatch {
    if (this.closing) {
      queueMicrotask(() => sink.error(this.closedError()));
      return { cancel: () => undefined };
    }
    return this.hub.watch(prefix, startRevision, sink);
  }

  async currentRevision(): Promise<number> {
    this.checkOpen();
    return this.log.revision();
  }

  /** Compacts up to revision; resolves once the old rows are gone. Runs one compaction at a time. */
  compact(revision: number): Promise<void> {
    this.checkOpen();
    const run = this.compaction.then(async () => {
      await this.track(this.tables.transaction(() => this.log.beginCompaction(revision)));
      await this.finishCompaction();
    });
    this.compaction = run.catch(() => undefined);
    return run;
  }

  async requestProgress(): Promise<void> {
    this.checkOpen();
    this.hub.requestProgress();
  }

  async health(): Promise<void> {
    this.checkOpen();
    this.log.revision();
  }

  /** Revision counters, for metrics and tests. */
  revisions(): { revision: number; compacted: number } {
    return { revision: this.log.revision(), compacted: this.log.compacted() };
  }

  /**
   * A restore underneath a running store: waits for the writes in flight, lets `load` replace the
   * tables' content, then moves the revision past every one handed out and marks everything before
   * it compacted (etcdutl snapshot restore --bump-revision --mark-compacted). Every watch ends with
   * 410, so watch caches and informers re-list instead of seeing history change under them.
   * `load` runs synchronously between two writes (memory tables; an LMDB store would need it inside
   * a transaction). Returns the new revision.
   */
  protected async replaceState(load: () => void): Promise<number> {
    this.checkOpen();
    await Promise.allSettled([...this.inFlight]);
    await this.compaction;
    const before = this.log.revision();
    load();
    const revision = Math.max(before, this.log.revision()) + 1;
    await this.tables.transaction(() => {
      this.tables.putMeta('revision', revision);
      this.tables.putMeta('compacted', revision);
    });
    this.hub.closeAll(new storage.KVError('Compacted', `required revision has been compacted: the store was restored at revision ${revision}`, revision));
    this.sweeper.reset();
    this.compaction = this.finishCompaction().catch(this.opts.onError ?? (() => undefined));
    return revision;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.sweeper.stop();
      await Promise.allSettled([...this.inFlight]);
      await this.compaction;
      this.hub.closeAll(this.closedError());
      await this.tables.close();
      this.opts.onClosed?.();
    })();
    return this.closing;
  }

  /**
   * Runs one compare-and-write transaction. Its event is published only after every earlier
   * write has committed (or failed), so watchers see revisions in order.
   */
  private async write(apply: () => WriteOutcome): Promise<storage.TxnResult> {
    this.checkOpen();
    const slot: PublishSlot = { state: 'pending' };
    this.publishQueue.push(slot);
    try {
      const outcome = await this.track(
        this.tables.transaction(() => {
          const out = apply();
          slot.event = out.event;
          return out;
        }),
      );
      slot.state = 'committed';
      if (outcome.lease) this.sweeper.granted(outcome.lease.expiresAt);
      return outcome.result;
    } catch (err) {
      slot.state = 'failed';
      throw new storage.KVError('Unavailable', `${this.name} write failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.drainPublishQueue();
    }
  }

  private drainPublishQueue(): void {
    while (this.publishQueue.length > 0 && this.publishQueue[0].state !== 'pending') {
      const slot = this.publishQueue.shift()!;
      if (slot.state === 'committed' && slot.event) this.hub.publish(slot.event);
    }
  }

  private async finishCompaction(): Promise<void> {
    while (!(await this.track(this.tables.transaction(() => this.log.compactStep(compactBatchRows)))));
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    const done = () => this.inFlight.delete(p);
    p.then(done, done);
    return p;
  }

  private checkOpen(): void {
    if (this.closing) throw this.closedError();
  }

  private closedError(): storage.KVError {
    return new storage.KVError('Unavailable', `${this.name} is closed`);
  }
}

function expiry(clock: Clock, ttlSeconds: number | undefined): number | undefined {
  return ttlSeconds && ttlSeconds > 0 ? clock.now() + ttlSeconds * 1000 : undefined;
}
