import type { Context } from 'koa';
import type { RequestContext } from '../../rest/context';
import { isTableConvertor, type Getter, type Storage } from '../../rest/interfaces';
import { negotiateOutput } from '../negotiation';
import type { RequestScope } from './request-scope';
import { withTypeMeta, writeObject } from './response';
import { groupVersionString } from '../../runtime/object';

/** GET of one object, as JSON/YAML or as a Table for kubectl get. */
export async function getResource(ctx: Context, rctx: RequestContext, scope: RequestScope, name: string): Promise<void> {
  const storage = scope.storage as Storage & Getter;
  const negotiated = negotiateOutput(ctx.get('Accept'), (as) => as === 'Table' && isTableConvertor(storage));
  const rv = typeof ctx.query.resourceVersion === 'string' ? ctx.query.resourceVersion : undefined;
  const obj = withTypeMeta(await storage.get(rctx, name, { resourceVersion: rv }), groupVersionString(scope.kind), scope.kind.kind);
  if (negotiated.as?.kind === 'Table' && isTableConvertor(storage)) {
    const table = await storage.convertToTable(rctx, obj, { includeObject: includeObjectOf(ctx) });
    writeObject(ctx, 200, table, negotiated.encoding);
    return;
  }
  writeObject(ctx, 200, obj, negotiated.encoding);
}

export function includeObjectOf(ctx: Context): 'None' | 'Metadata' | 'Object' | undefined {
  const v = ctx.query.includeObject;
  return v === 'None' || v === 'Metadata' || v === 'Object' ? v : undefined;
}
