import type { Status } from '../api/errors/status';
import type { KObject } from '../runtime/object';

/** watch.EventType of k8s.io/apimachinery/pkg/watch. */
export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: EventType;
  object: KObject | Status;
  /**
   * Serializations of this event (HTTP chunk frames) memoized per encoding, so a cacher dispatching one event to many
   * watchers encodes it once. Keyed by the handler's encoding name.
   */
  encoded?: Map<string, Buffer>;
}

/** watch.Interface: an async stream of events that the consumer can stop. */
export interface Watch extends AsyncIterable<WatchEvent> {
  stop(): void;
  readonly stopped: boolean;
}

/**
 * A bounded in-process channel of events. Producers `send`; when the buffer is full `send` returns
 * false so the producer can decide (the cacher closes slow watchers instead of blocking the others).
 */
export class WatchChannel implements Watch {
  private readonly queue: WatchEvent[] = [];
  private waiter?: (r: IteratorResult<WatchEvent>) => void;
  private ended = false;
  private _stopped = false;

  constructor(
    private readonly capacity = 1000,
    private readonly onStop?: () => void,
  ) {}

  get stopped(): boolean {
    return this._stopped;
  }

  send(ev: WatchEvent): boolean {
    if (this.ended || this._stopped) return false;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: ev, done: false });
      return true;
    }
    if (this.queue.length >= this.capacity) return false;
    this.queue.push(ev);
    return true;
  }

  /** Ends the stream once the buffered events are consumed. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.release();
    this.onStop?.();
  }

  /** Consumer side: stop now, dropping buffered events. */
  stop(): void {
    if (this._stopped) return;
    this._stopped = true;
    this.queue.length = 0;
    this.release();
    if (!this.ended) {
      this.ended = true;
      this.onStop?.();
    }
  }

  private release(): void {
    if (this.waiter && this.queue.length === 0) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<WatchEvent>> {
    const ev = this.queue.shift();
    if (ev) return Promise.resolve({ value: ev, done: false });
    if (this.ended || this._stopped) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
    return {
      next: () => this.next(),
      return: async () => {
        this.stop();
        return { value: undefined, done: true };
      },
    };
  }
}
