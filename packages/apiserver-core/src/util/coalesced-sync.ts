/**
 * A controller's sync run once after a burst of triggers, never twice at a time: a list delivers
 * every object as its own event, and one sync after the burst sees them all. Errors are the
 * sync's to handle; a failed sync does not stop later ones.
 */
export class CoalescedSync {
  private pending = false;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly sync: () => Promise<void>) {}

  /** Asks for a sync after the current burst of events (a no-op while one is already pending). */
  schedule(): void {
    if (this.pending || this.stopped) return;
    this.pending = true;
    this.running = this.running.then(
      () =>
        new Promise<void>((resolve) => {
          setImmediate(() => {
            this.pending = false;
            this.sync().then(resolve, resolve);
          });
        }),
    );
  }

  stop(): void {
    this.stopped = true;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Resolves once the syncs scheduled so far are done (tests, shutdown). */
  idle(): Promise<void> {
    return this.running;
  }
}
