import * as storage from '../kv/interfaces';
import type { RevisionLog } from './revision-log';

interface Watcher {
  prefix: string;
  sink: storage.KVWatchSink;
  /** The lowest revision this watcher has not been given (or skipped) yet. */
  nextRevision: number;
}

/**
 * Watch on the revision log: a new watcher first replays the log from its start revision, then
 * receives published events. nextRevision makes the hand-over exact — a write committed while
 * the replay read the log is either replayed or published, never both, never neither.
 */
export class WatchHub {
  private readonly watchers = new Set<Watcher>();

  constructor(
    private readonly log: RevisionLog,
    /** Makes reads see every committed write, so a replay never misses a published one. */
    private readonly refreshSnapshot: () => void,
  ) {}

  watch(prefix: string, startRevision: number, sink: storage.KVWatchSink): storage.KVWatch {
    const compacted = this.log.compacted();
    if (startRevision > 0 && startRevision <= compacted) {
      queueMicrotask(() => sink.error(new storage.KVError('Compacted', `required revision ${startRevision} has been compacted`, compacted)));
      return { cancel: () => undefined };
    }
    this.refreshSnapshot();
    const current = this.log.revision();
    const w: Watcher = { prefix, sink, nextRevision: Math.max(startRevision, current + 1) };
    if (startRevision > 0) {
      for (const ev of this.log.eventsFrom(prefix, startRevision)) {
        if (ev.kv.modRevision > current) break;
        sink.event(ev);
      }
    }
    this.watchers.add(w);
    return { cancel: () => this.watchers.delete(w) };
  }

  /** Hands a committed event (called in revision order) to every watcher that has not seen it. */
  publish(ev: storage.KVEvent): void {
    const rev = ev.kv.modRevision;
    for (const w of this.watchers) {
      if (rev < w.nextRevision) continue;
      w.nextRevision = rev + 1;
      if (ev.kv.key.startsWith(w.prefix)) w.sink.event(ev);
    }
  }

  /** etcd's progress notification: each watcher has everything up to the revision it is told. */
  requestProgress(): void {
    const current = this.log.revision();
    for (const w of this.watchers) w.sink.progress?.(Math.min(w.nextRevision - 1, current));
  }

  /** Ends every watch (the store is closing): they get an error and must re-establish. */
  closeAll(reason: Error): void {
    for (const w of this.watchers) w.sink.error(reason);
    this.watchers.clear();
  }
}
