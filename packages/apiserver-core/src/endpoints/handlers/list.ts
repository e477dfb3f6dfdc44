import type { Context } from 'koa';
import { groupVersionString } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import { isTableConvertor, isWatcher, type Lister, type Storage } from '../../rest/interfaces';
import { negotiateOutput } from '../negotiation';
import { includeObjectOf } from './get';
import { parseListOptions } from './query';
import type { RequestScope } from './request-scope';
import { writeObject } from './response';
import { serveWatch } from './watch';

/** LIST (or WATCH with ?watch=true) of a collection. */
export async function listResource(ctx: Context, rctx: RequestContext, scope: RequestScope): Promise<void> {
  const opts = parseListOptions(ctx);
  if (opts.watch) {
    if (!isWatcher(scope.storage)) throw new Error('watch is not supported');
    await serveWatch(ctx, rctx, scope, opts);
    return;
  }
  const storage = scope.storage as Storage & Lister;
  const negotiated = negotiateOutput(ctx.get('Accept'), (as) => as === 'Table' && isTableConvertor(storage));
  const list = await storage.list(rctx, opts);
  if (negotiated.as?.kind === 'Table') {
    const table = await storage.convertToTable(rctx, list, { includeObject: includeObjectOf(ctx) });
    writeObject(ctx, 200, table, negotiated.encoding);
    return;
  }
  writeObject(ctx, 200, { apiVersion: groupVersionString(scope.kind), kind: `${scope.kind.kind}List`, ...list }, negotiated.encoding);
}
