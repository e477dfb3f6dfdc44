import type Koa from 'koa';
import type { Context } from 'koa';
import { groupVersionString, type KObject } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import { isTableConvertor, type Watcher, type Storage } from '../../rest/interfaces';
import type { ListOptions } from '../../rest/options';
import type { Watch, WatchEvent } from '../../storage/watch';
import { negotiateOutput, encodeBody, type Encoding } from '../negotiation';
import type { RequestScope } from './request-scope';
import { withTypeMeta } from './response';

/** Open watches per server, so shutdown can end them (kube-apiserver closes watches before it stops). */
const openWatches = new WeakMap<Koa, Set<Watch>>();

export function watchesOf(app: Koa): Set<Watch> {
  let set = openWatches.get(app);
  if (!set) openWatches.set(app, (set = new Set()));
  return set;
}

/** --min-request-timeout: a watch without timeoutSeconds lasts a random 30–60 minutes. */
const minRequestTimeoutSeconds = 1800;

/**
 * WATCH: newline-delimited JSON events `{"type":…,"object":…}` on a chunked response, ended by the
 * client, by timeoutSeconds, by the storage (ERROR event), or by server shutdown.
 */
export async function serveWatch(ctx: Context, rctx: RequestContext, scope: RequestScope, opts: ListOptions): Promise<void> {
  const storage = scope.storage as Storage & Watcher;
  const negotiated = negotiateOutput(ctx.get('Accept'), (as) => as === 'Table' && isTableConvertor(storage));
  const watch = await storage.watch(rctx, opts);
  const registry = watchesOf(ctx.app);
  registry.add(watch);
  const timeoutSeconds = opts.timeoutSeconds ?? minRequestTimeoutSeconds * (1 + Math.random());
  const timer = setTimeout(() => watch.stop(), timeoutSeconds * 1000);
  const res = ctx.res;
  ctx.respond = false;
  res.writeHead(200, {
    'Content-Type': negotiated.encoding === 'yaml' ? 'application/yaml' : 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
    ...(ctx.response.get('Audit-Id') ? { 'Audit-Id': String(ctx.response.get('Audit-Id')) } : {}),
  });
  res.flushHeaders();
  ctx.req.on('close', () => watch.stop());
  const encode = eventEncoder(rctx, scope, negotiated.as?.kind === 'Table', negotiated.encoding);
  try {
    for await (const ev of watch) {
      const chunk = await encode(ev);
      if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
      if (res.destroyed) break;
    }
  } finally {
    clearTimeout(timer);
    watch.stop();
    registry.delete(watch);
    res.end();
  }
}

/** Encodes events, memoizing plain encodings on the event so a shared event is serialized once. */
function eventEncoder(rctx: RequestContext, scope: RequestScope, asTable: boolean, encoding: Encoding) {
  const apiVersion = groupVersionString(scope.kind);
  let headersSent = false;
  return async (ev: WatchEvent): Promise<Buffer> => {
    const isObject = ev.type !== 'ERROR';
    if (asTable && isObject && ev.type !== 'BOOKMARK' && isTableConvertor(scope.storage)) {
      const table = await scope.storage.convertToTable(rctx, ev.object as KObject, { noHeaders: headersSent });
      headersSent = true;
      return line(encoding, { type: ev.type, object: table });
    }
    const memoKey = `${encoding}:${apiVersion}`;
    const memo = ev.encoded?.get(memoKey);
    if (memo) return memo;
    const object = isObject ? withTypeMeta(ev.object as KObject, apiVersion, scope.kind.kind) : ev.object;
    const out = line(encoding, { type: ev.type, object });
    (ev.encoded ??= new Map()).set(memoKey, out);
    return out;
  };
}

function line(encoding: Encoding, ev: unknown): Buffer {
  if (encoding === 'json') return Buffer.from(JSON.stringify(ev) + '\n');
  return Buffer.from(`${encodeBody('yaml', ev).body}---\n`);
}
