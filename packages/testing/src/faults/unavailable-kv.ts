import { storage } from '@kapi/apiserver-core';

/** What etcd's client reports when no member answers; kapi's store maps it as kube's etcd3 store does (504 ServerTimeout). */
export const unavailableMessage = 'etcdserver: request timed out';

/**
 * A KV that can be made unreachable, as a store behind a partition or an etcd that is down: while
 * `down`, every call fails with KVError Unavailable, new watches fail, and the health check fails
 * (readyz names the store). Everything else passes through, so the data is unchanged when it is up again.
 */
export class UnavailableKV implements storage.KV {
  down = false;

  constructor(readonly inner: storage.KV) {}

  get(key: string, revision?: number) {
    return this.guard(() => this.inner.get(key, revision));
  }

  range(prefix: string, opts?: storage.RangeOptions) {
    return this.guard(() => this.inner.range(prefix, opts));
  }

  count(prefix: string) {
    return this.guard(() => this.inner.count(prefix));
  }

  create(key: string, value: Buffer, ttlSeconds?: number) {
    return this.guard(() => this.inner.create(key, value, ttlSeconds));
  }

  update(key: string, value: Buffer, expectedModRevision: number, ttlSeconds?: number) {
    return this.guard(() => this.inner.update(key, value, expectedModRevision, ttlSeconds));
  }

  delete(key: string, expectedModRevision: number) {
    return this.guard(() => this.inner.delete(key, expectedModRevision));
  }

  watch(prefix: string, startRevision: number, sink: storage.KVWatchSink): storage.KVWatch {
    if (this.down) {
      queueMicrotask(() => sink.error(this.error()));
      return { cancel: () => undefined };
    }
    return this.inner.watch(prefix, startRevision, sink);
  }

  currentRevision() {
    return this.guard(() => this.inner.currentRevision());
  }

  compact(revision: number) {
    return this.guard(() => this.inner.compact(revision));
  }

  async requestProgress(): Promise<void> {
    if (!this.down) await this.inner.requestProgress?.();
  }

  health() {
    return this.guard(() => this.inner.health());
  }

  close() {
    return this.inner.close();
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    if (this.down) throw this.error();
    return fn();
  }

  private error(): storage.KVError {
    return new storage.KVError('Unavailable', unavailableMessage);
  }
}
