import * as net from 'node:net';
import { storage } from '@kapi/apiserver-core';
import { corkedWriter } from './kv-socket-server';
import { FrameReader, fromWireError, type Message, type Request, type StoreSize, type WireError } from './kv-protocol';

type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
}

/**
 * A worker's KV under `--storage-backend embedded --workers N`: the storage owner's EmbeddedKV
 * (kv-socket-server.ts) over its Unix socket, with the same contract — so the worker wraps it in
 * KVStore and the watch cache exactly as it wraps etcd, and serves reads and watches from its own
 * cache. One connection carries every call and watch; answers are matched by id.
 *
 * No reconnect: the owner is the `--workers` primary, and a primary that dies takes its workers
 * down. A lost connection fails every call and watch with Unavailable.
 */
export class RemoteKV implements storage.KV {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly watches = new Map<number, storage.KVWatchSink>();
  private readonly send: (body: Request) => void;
  private lost?: storage.KVError;

  private constructor(
    private readonly socket: net.Socket,
    /** Where it connected, for messages. */
    readonly socketPath: string,
    private readonly onLost?: (err: storage.KVError) => void,
  ) {
    this.send = corkedWriter(socket) as (body: Request) => void;
    const reader = new FrameReader((body) => this.receive(body as unknown as Message));
    socket.on('data', (chunk) => {
      try {
        reader.push(chunk);
      } catch (err) {
        socket.destroy(err as Error);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.lost) return this.connectionLost(this.lost);
      const err = new storage.KVError('Unavailable', `embedded store at ${socketPath}: connection to the storage owner lost`);
      this.connectionLost(err);
      this.onLost?.(err);
    });
  }

  /** onLost: called once when the connection ends without close() (the owner went away or broke it). */
  static connect(socketPath: string, onLost?: (err: storage.KVError) => void): Promise<RemoteKV> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(socketPath);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.setNoDelay(true);
        resolve(new RemoteKV(socket, socketPath, onLost));
      });
    });
  }

  get(key: string, revision?: number): Promise<{ kv?: storage.KeyValue; revision: number }> {
    return this.call({ op: 'get', key, revision });
  }

  range(prefix: string, opts?: storage.RangeOptions): Promise<storage.RangeResult> {
    return this.call({ op: 'range', prefix, opts });
  }

  count(prefix: string): Promise<number> {
    return this.call({ op: 'count', prefix });
  }

  create(key: string, value: Buffer, ttlSeconds?: number): Promise<storage.TxnResult> {
    return this.call({ op: 'create', key, value, ttlSeconds });
  }

  update(key: string, value: Buffer, expectedModRevision: number, ttlSeconds?: number): Promise<storage.TxnResult> {
    return this.call({ op: 'update', key, value, expectedModRevision, ttlSeconds });
  }

  delete(key: string, expectedModRevision: number): Promise<storage.TxnResult> {
    return this.call({ op: 'delete', key, expectedModRevision });
  }

  /** Registered at the owner before any request sent after it, so "from now on" (0) misses none of this client's later writes. */
  watch(prefix: string, startRevision: number, sink: storage.KVWatchSink): storage.KVWatch {
    if (this.lost) {
      const err = this.lost;
      queueMicrotask(() => sink.error(err));
      return { cancel: () => undefined };
    }
    const id = this.nextId++;
    this.watches.set(id, sink);
    this.send({ id, op: 'watch', prefix, startRevision });
    return {
      cancel: () => {
        if (!this.watches.delete(id) || this.lost) return;
        this.send({ id, op: 'cancel' });
      },
    };
  }

  currentRevision(): Promise<number> {
    return this.call({ op: 'currentRevision' });
  }

  compact(revision: number): Promise<void> {
    return this.call({ op: 'compact', revision });
  }

  requestProgress(): Promise<void> {
    return this.call({ op: 'requestProgress' });
  }

  health(): Promise<void> {
    return this.call({ op: 'health' });
  }

  /** The owner's store file size (EmbeddedKV.size), for apiserver_storage_size_bytes. */
  size(): Promise<StoreSize> {
    return this.call({ op: 'size' });
  }

  /** Closes this worker's connection; the store stays open in its owner. */
  async close(): Promise<void> {
    if (!this.lost) this.lost = new storage.KVError('Unavailable', 'embedded store is closed');
    if (this.socket.destroyed) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
    });
  }

  private call<T>(body: RequestBody): Promise<T> {
    if (this.lost) return Promise.reject(this.lost);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      this.send({ ...body, id } as Request);
    });
  }

  private receive(msg: Message): void {
    switch (msg.t) {
      case 'result': {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.resolve(msg.result ?? undefined);
        return;
      }
      case 'error': {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.reject(fromWireError(msg.error));
        return;
      }
      case 'event':
        this.watches.get(msg.id)?.event(msg.event);
        return;
      case 'progress':
        this.watches.get(msg.id)?.progress?.(msg.revision);
        return;
      case 'watchError': {
        const sink = this.watches.get(msg.id);
        this.watches.delete(msg.id);
        sink?.error(fromWireError(msg.error as WireError));
        return;
      }
    }
  }

  private connectionLost(err: storage.KVError): void {
    this.lost = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    for (const sink of this.watches.values()) sink.error(err);
    this.watches.clear();
  }
}
