import type Koa from 'koa';
import type { Context } from 'koa';
import { groupVersionString, type KObject } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import type { Watcher, Storage } from '../../rest/interfaces';
import type { ListOptions } from '../../rest/options';
import type { TableOptions } from '../../rest/table';
import type { Watch, WatchEvent } from '../../storage/watch';
import { encodeBody, type Encoding } from '../negotiation';
import type { RequestScope } from './request-scope';
import { watchFlusher } from './watch-flusher';
import { transformObject, withKind, type OutputTarget } from './transform';

/** Open watches per server, so shutdown can end them (kube-apiserver closes watches before it stops). */
const openWatches = new WeakMap<Koa, Set<Watch>>();

export function watchesOf(app: Koa): Set<Watch> {
  let set = openWatches.get(app);
  if (!set) openWatches.set(app, (set = new Set()));
  return set;
}

/** --min-request-timeout's default: a watch without timeoutSeconds lasts a random 30–60 minutes. */
const defaultMinRequestTimeoutSeconds = 1800;

/**
 * WATCH: newline-delimited JSON events `{"type":…,"object":…}` on a chunked response, ended by the
 * client, by timeoutSeconds, by the storage (ERROR event carrying a Status), or by server shutdown.
 * Objects are transformed per event as the Accept header asked (Table rows, PartialObjectMetadata).
 */
export async function serveWatch(ctx: Context, rctx: RequestContext, scope: RequestScope, opts: ListOptions, target: OutputTarget, tableOptions: TableOptions): Promise<void> {
  const storage = scope.storage as Storage & Watcher;
  const watch = await storage.watch(rctx, opts);
  const registry = watchesOf(ctx.app);
  registry.add(watch);
  // timeoutSeconds=0 means "no preference", as in kube-apiserver.
  const timeoutSeconds = opts.timeoutSeconds || (scope.minRequestTimeoutSeconds ?? defaultMinRequestTimeoutSeconds) * (1 + Math.random());
  const timer = setTimeout(() => watch.stop(), timeoutSeconds * 1000);
  const res = ctx.res;
  ctx.respond = false;
  // Headers set earlier by filters (Audit-Id, Warning) go out with the stream.
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(ctx.response.headers)) {
    // koa keeps names lowercased; send them as kube-apiserver spells them (Audit-Id, Warning).
    const name = k.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
    if (v !== undefined) headers[name] = Array.isArray(v) ? v : String(v);
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': target.encoding === 'yaml' ? 'application/yaml' : 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  ctx.req.on('close', () => watch.stop());
  const encode = eventEncoder(rctx, scope, target, tableOptions);
  const events = watch[Symbol.asyncIterator]();
  try {
    let next = events.next();
    for (let r = await next; !r.done && !res.destroyed; r = await next) {
      const frame = encode(r.value);
      const blocked = writeFrame(res, frame instanceof Buffer ? frame : await frame);
      next = events.next();
      if (blocked && (await blockedUntilDrainOrEnd(blocked, next)) === 'ended') {
        // The client stopped reading and the watch is over (timeout, termination as too slow, shutdown):
        // nothing will drain the response, so the connection is cut rather than held forever.
        res.destroy();
        break;
      }
    }
  } finally {
    clearTimeout(timer);
    watch.stop();
    registry.delete(watch);
    res.end();
  }
}

/** Waits for the response to drain; 'ended' if the watch ends first while the client is not reading. */
async function blockedUntilDrainOrEnd(stream: NodeJS.EventEmitter, next: Promise<IteratorResult<WatchEvent>>): Promise<'drained' | 'ended'> {
  const drained = new Promise<'drained'>((resolve) => stream.once('drain', () => resolve('drained')).once('close', () => resolve('drained')));
  const ended = next.then((r) => (r.done ? ('ended' as const) : undefined));
  return (await Promise.race([drained, ended])) ?? drained;
}

/**
 * Writes one chunked-encoding frame. Once the response owns its socket (headers sent; a pipelined
 * response waits its turn with no socket), the ready-made frame goes straight into the socket through
 * the shared flusher: one buffer per event instead of http's four writes (size, CRLF, data, CRLF),
 * and one writev per socket per flush. Returns what to wait on when the write filled the buffer.
 */
function writeFrame(res: Context['res'], frame: Buffer): NodeJS.EventEmitter | undefined {
  const socket = res.socket;
  if (socket) return watchFlusher.write(socket, frame) ? undefined : socket;
  return res.write(frame.subarray(frame.indexOf(crlf) + 2, frame.length - 2)) ? undefined : res;
}

/**
 * Encodes events as chunk frames. The plain form is encoded synchronously and memoized on the event, so an event
 * shared by every watcher of a resource is serialized once per encoding; Table and metadata forms
 * are per watcher.
 */
function eventEncoder(rctx: RequestContext, scope: RequestScope, target: OutputTarget, tableOptions: TableOptions) {
  const options = { ...tableOptions };
  const apiVersion = groupVersionString(scope.kind);
  const memoKey = `${target.encoding}:${apiVersion}`;
  return (ev: WatchEvent): Buffer | Promise<Buffer> => {
    if (ev.type === 'ERROR') return line(target.encoding, { type: ev.type, object: ev.object });
    if (target.as) {
      return transformObject(rctx, scope, ev.object as KObject, target, options).then((object) => {
        // Table headers go with the first event only.
        options.noHeaders = true;
        return line(target.encoding, { type: ev.type, object });
      });
    }
    const memo = ev.encoded?.get(memoKey);
    if (memo) return memo;
    const out = line(target.encoding, { type: ev.type, object: withKind(ev.object as KObject, apiVersion, scope.kind.kind) });
    (ev.encoded ??= new Map()).set(memoKey, out);
    return out;
  };
}

const crlf = Buffer.from('\r\n');

/** One event as an HTTP/1.1 chunk: its size in hex, CRLF, the line (JSON and a newline, or a YAML document), CRLF. */
function line(encoding: Encoding, ev: unknown): Buffer {
  const text = encoding === 'json' ? `${JSON.stringify(ev)}\n` : `${encodeBody('yaml', ev).body}---\n`;
  return Buffer.from(`${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`);
}
