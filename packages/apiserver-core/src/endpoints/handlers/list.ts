import type { Context } from 'koa';
import { newMethodNotSupported } from '../../api/errors';
import { FieldSelector } from '../../fields/selector';
import type { RequestContext } from '../../rest/context';
import { isWatcher, type Lister, type Storage } from '../../rest/interfaces';
import { parseListOptions } from './query';
import { writeRaw } from './response';
import type { RequestScope } from './request-scope';
import { negotiateTarget, tableOptionsOf, writeResponseObject } from './transform';
import { serveWatch } from './watch';

/** A watch path: always a watch, of one object when it names one (metadata.name field selector). */
export interface WatchPath {
  forceWatch: boolean;
  name?: string;
}

/** LIST (or WATCH with ?watch=true, or on a /watch/ path) of a collection, in one namespace or across all. */
export async function listResource(ctx: Context, rctx: RequestContext, scope: RequestScope, watchPath?: WatchPath): Promise<void> {
  const opts = parseListOptions(ctx, watchPath?.forceWatch);
  if (watchPath?.name !== undefined) {
    opts.fieldSelector = new FieldSelector([...opts.fieldSelector.requirements, { field: 'metadata.name', operator: '=', value: watchPath.name }]);
  }
  const target = negotiateTarget(ctx, scope);
  if (opts.watch) {
    if (!isWatcher(scope.storage)) throw newMethodNotSupported(scope.resource, 'watch');
    await serveWatch(ctx, rctx, scope, opts, target, target.as?.kind === 'Table' ? tableOptionsOf(ctx) : {});
    return;
  }
  const lister = scope.storage as Storage & Lister;
  // JSON as stored, no conversion (Table, PartialObjectMetadata): the cached items' bytes, undecoded.
  if (target.encoding === 'json' && !target.as && lister.listRawJSON) {
    const raw = await lister.listRawJSON(rctx, opts);
    if (raw !== undefined) {
      writeRaw(ctx, 200, raw);
      return;
    }
  }
  const list = await lister.list(rctx, opts);
  await writeResponseObject(ctx, rctx, scope, 200, list, target);
}
