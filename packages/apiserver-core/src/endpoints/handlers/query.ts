import type { Context } from 'koa';
import { newBadRequest } from '../../api/errors';
import { parseFieldSelector } from '../../fields/selector';
import { parseLabelSelector } from '../../labels/selector';
import type { DeleteOptions, ListOptions } from '../../rest/options';
import type { ResourceVersionMatch } from '../../storage/interfaces';

function str(ctx: Context, name: string): string | undefined {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[0] : v;
}

function bool(ctx: Context, name: string): boolean | undefined {
  const v = str(ctx, name);
  if (v === undefined) return undefined;
  return v === 'true' || v === '1' || v === '';
}

function int(ctx: Context, name: string): number | undefined {
  const v = str(ctx, name);
  if (v === undefined || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw newBadRequest(`invalid value for ${name}: ${JSON.stringify(v)}`);
  return Number(v);
}

/** metav1.ListOptions from the query string. */
export function parseListOptions(ctx: Context): ListOptions {
  const rvm = str(ctx, 'resourceVersionMatch') ?? '';
  if (!['', 'NotOlderThan', 'Exact'].includes(rvm)) throw newBadRequest(`invalid resourceVersionMatch: ${JSON.stringify(rvm)}`);
  const opts: ListOptions = {
    labelSelector: parseLabelSelector(str(ctx, 'labelSelector')),
    fieldSelector: parseFieldSelector(str(ctx, 'fieldSelector')),
    resourceVersion: str(ctx, 'resourceVersion'),
    resourceVersionMatch: rvm as ResourceVersionMatch,
    limit: int(ctx, 'limit'),
    continue: str(ctx, 'continue') || undefined,
    watch: bool(ctx, 'watch'),
    allowWatchBookmarks: bool(ctx, 'allowWatchBookmarks'),
    sendInitialEvents: bool(ctx, 'sendInitialEvents'),
    timeoutSeconds: int(ctx, 'timeoutSeconds'),
  };
  if (opts.resourceVersionMatch && !opts.resourceVersion) {
    throw newBadRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
  }
  return opts;
}

export function dryRunOf(ctx: Context): string[] | undefined {
  const v = ctx.query.dryRun;
  if (v === undefined) return undefined;
  const values = Array.isArray(v) ? v : [v];
  for (const d of values) if (d !== 'All') throw newBadRequest(`Invalid value: ${JSON.stringify(d)}: supported values: "All"`);
  return values;
}

/** DeleteOptions may come in the query string as well as the body. */
export function deleteOptionsFromQuery(ctx: Context): DeleteOptions {
  const opts: DeleteOptions = {};
  const grace = int(ctx, 'gracePeriodSeconds');
  if (grace !== undefined) opts.gracePeriodSeconds = grace;
  const policy = str(ctx, 'propagationPolicy');
  if (policy) opts.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  const dryRun = dryRunOf(ctx);
  if (dryRun) opts.dryRun = dryRun;
  return opts;
}
