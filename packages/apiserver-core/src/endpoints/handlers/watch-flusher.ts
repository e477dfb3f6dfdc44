import type { Socket } from 'node:net';

/**
 * Watch responses share one flusher. A watch writes its frames into its corked socket; the flusher
 * uncorks every socket written since its last pass in one go, so the events a watcher received in
 * the meantime leave in one writev (one system call), and the process keeps one pending callback
 * instead of one per watcher and event.
 *
 * The wait before a pass follows the cost of the previous pass: with a handful of watchers a pass
 * takes microseconds and runs on the next turn of the loop (setImmediate, as before); with
 * thousands of watchers on one event stream the writes themselves dominate (one system call per
 * socket), so passes are spaced by twice what the last one took, bounded by `maxDelayMs`. The loop
 * then spends at most about a third of its time writing, and each socket carries several events per
 * write instead of falling behind one write per event (kube-apiserver's watch goroutines flush when their
 * channel is empty; its writes run on every core, Node's on one).
 */
export class WatchFlusher {
  private dirty: Socket[] = [];
  private scheduled = false;
  /** Duration of the last pass (ms): the cost of one more pass now. */
  private lastPassMs = 0;

  constructor(private readonly maxDelayMs = 25) {}

  /** Writes `frame` to `socket` for the next pass; false once the socket's buffer is full (wait for 'drain'). */
  write(socket: Socket, frame: Buffer): boolean {
    if (socket.writableCorked === 0) {
      socket.cork();
      this.dirty.push(socket);
      this.schedule();
    }
    return socket.write(frame);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const delay = Math.min(this.maxDelayMs, 2 * this.lastPassMs);
    if (delay < 1) setImmediate(this.flush);
    else setTimeout(this.flush, delay);
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const sockets = this.dirty;
    this.dirty = [];
    const start = performance.now();
    // A socket corked here is uncorked once: a destroyed socket ignores it.
    for (const s of sockets) s.uncork();
    this.lastPassMs = performance.now() - start;
  };
}

/** The flusher of this process's watch responses. */
export const watchFlusher = new WatchFlusher();
