import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { storage } from '@kapi/apiserver-core';
import type { EmbeddedKV } from './embedded-kv';
import { encodeFrame, FrameReader, toWireError, type Message, type Request } from './kv-protocol';

/**
 * The storage owner's side of `--storage-backend embedded --workers N` (docs/workers.md): serves one
 * EmbeddedKV — the process that holds the data dir's lock, assigns revisions and delivers watch
 * events — to the workers over a Unix socket, as an etcd member serves its clients. Each connection
 * is one worker's KV client; its watches live as long as the connection (or until cancelled).
 *
 * Access: the socket sits in a fresh directory only this user can enter (mode 0700), so only
 * processes of the server's own user reach the store — the trust a local etcd's unix socket gives.
 */
export class KVSocketServer {
  private readonly connections = new Set<net.Socket>();

  private constructor(
    private readonly kv: EmbeddedKV,
    private readonly server: net.Server,
    private readonly dir: string,
    /** Where workers connect. */
    readonly socketPath: string,
  ) {
    server.on('connection', (socket) => this.serve(socket));
  }

  /** Listens on a new socket under a private directory (in os.tmpdir(): data dirs may exceed a socket path's 107 bytes). */
  static async listen(kv: EmbeddedKV): Promise<KVSocketServer> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapi-kv-'));
    const socketPath = path.join(dir, 'kv.sock');
    const server = net.createServer();
    const kvServer = new KVSocketServer(kv, server, dir, socketPath);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return kvServer;
  }

  private serve(socket: net.Socket): void {
    this.connections.add(socket);
    const watches = new Map<number, storage.KVWatch>();
    const send = corkedWriter(socket);
    const reader = new FrameReader((body) => this.handle(body as unknown as Request, watches, send));
    socket.on('data', (chunk) => {
      try {
        reader.push(chunk);
      } catch {
        socket.destroy();
      }
    });
    // A worker gone (exited, or its KV closed): its watches end with it.
    socket.on('close', () => {
      for (const w of watches.values()) w.cancel();
      watches.clear();
      this.connections.delete(socket);
    });
    socket.on('error', () => undefined);
  }

  private handle(req: Request, watches: Map<number, storage.KVWatch>, send: (m: Message) => void): void {
    if (req.op === 'watch') {
      const failed = (err: unknown) => {
        watches.delete(req.id);
        send({ id: req.id, t: 'watchError', error: toWireError(err) });
      };
      try {
        const watch = this.kv.watch(req.prefix, req.startRevision, {
          event: (event) => send({ id: req.id, t: 'event', event }),
          progress: (revision) => send({ id: req.id, t: 'progress', revision }),
          error: failed,
        });
        watches.set(req.id, watch);
      } catch (err) {
        // A replay that could not read the log fails this watch, not the worker's connection.
        failed(err);
      }
      return;
    }
    if (req.op === 'cancel') {
      watches.get(req.id)?.cancel();
      watches.delete(req.id);
      return;
    }
    // Started in arrival order, so a write sent after a watch is seen by that watch.
    let answer: Promise<unknown>;
    try {
      answer = this.call(req);
    } catch (err) {
      answer = Promise.reject(err);
    }
    answer.then(
      (result) => send({ id: req.id, t: 'result', result: result ?? null }),
      (err: unknown) => send({ id: req.id, t: 'error', error: toWireError(err) }),
    );
  }

  private call(req: Exclude<Request, { op: 'watch' | 'cancel' }>): Promise<unknown> {
    const kv = this.kv;
    switch (req.op) {
      case 'get':
        return kv.get(req.key, req.revision);
      case 'range':
        return kv.range(req.prefix, req.opts);
      case 'count':
        return kv.count(req.prefix);
      case 'create':
        return kv.create(req.key, req.value, req.ttlSeconds);
      case 'update':
        return kv.update(req.key, req.value, req.expectedModRevision, req.ttlSeconds);
      case 'delete':
        return kv.delete(req.key, req.expectedModRevision);
      case 'currentRevision':
        return kv.currentRevision();
      case 'compact':
        return kv.compact(req.revision);
      case 'requestProgress':
        return kv.requestProgress();
      case 'health':
        return kv.health();
      case 'size':
        return Promise.resolve(kv.size());
      default:
        return Promise.reject(new Error(`kv protocol: unknown operation ${JSON.stringify((req as { op: unknown }).op)}`));
    }
  }

  /** Stops accepting workers and drops the connections left (the store itself is the caller's to close). */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.connections) socket.destroy();
    await closed;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Writes frames, gathering those of one event-loop turn into one write: a burst of watch events or
 * answers to concurrent creates costs one syscall, not one each.
 */
export function corkedWriter(socket: net.Socket): (body: Request | Message) => void {
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  return (body) => {
    if (socket.destroyed) return;
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    socket.write(encodeFrame(body));
  };
}
