import type { Context } from 'koa';
import { newBadRequest, newInvalid } from '../../api/errors';
import { parseFieldSelector } from '../../fields/selector';
import { parseLabelSelector } from '../../labels/selector';
import type { DeleteOptions, ListOptions } from '../../rest/options';
import type { ResourceVersionMatch } from '../../storage/interfaces';
import { field, Path, type ErrorList } from '../../validation/field';

function str(ctx: Context, name: string): string | undefined {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Query booleans as the parameter codec reads them: "true"/"1" (any case) are true, the rest false. */
function bool(ctx: Context, name: string): boolean | undefined {
  const v = str(ctx, name);
  if (v === undefined) return undefined;
  return ['true', '1'].includes(v.toLowerCase());
}

function int(ctx: Context, name: string): number | undefined {
  const v = str(ctx, name);
  if (v === undefined || v === '') return undefined;
  if (!/^[+-]?\d+$/.test(v)) throw newBadRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

const metaKind = (kind: string) => ({ group: 'meta.k8s.io', kind });

/** metav1.ListOptions from the query string, validated as ValidateListOptions does (422 ListOptions). */
export function parseListOptions(ctx: Context, forceWatch = false): ListOptions {
  const opts: ListOptions = {
    labelSelector: parseLabelSelector(str(ctx, 'labelSelector')),
    fieldSelector: parseFieldSelector(str(ctx, 'fieldSelector')),
    resourceVersion: str(ctx, 'resourceVersion'),
    resourceVersionMatch: (str(ctx, 'resourceVersionMatch') ?? '') as ResourceVersionMatch,
    limit: int(ctx, 'limit'),
    continue: str(ctx, 'continue') || undefined,
    watch: forceWatch || bool(ctx, 'watch'),
    allowWatchBookmarks: bool(ctx, 'allowWatchBookmarks'),
    sendInitialEvents: bool(ctx, 'sendInitialEvents'),
    timeoutSeconds: int(ctx, 'timeoutSeconds'),
  };
  const errs = opts.watch ? validateWatchOptions(opts) : validateListOptions(opts);
  if (errs.length) throw newInvalid(metaKind('ListOptions'), '', errs);
  return opts;
}

const rvmPath = Path.root('resourceVersionMatch');

function validateListOptions(opts: ListOptions): ErrorList {
  const errs: ErrorList = [];
  const match = opts.resourceVersionMatch;
  if (match) {
    if (!opts.resourceVersion) errs.push(field.forbidden(rvmPath, 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (opts.continue) errs.push(field.forbidden(rvmPath, 'resourceVersionMatch is forbidden when continue is provided'));
    if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(field.notSupported(rvmPath, match, ['Exact', 'NotOlderThan', '']));
    if (match === 'Exact' && opts.resourceVersion === '0') errs.push(field.forbidden(rvmPath, 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
  }
  if (opts.sendInitialEvents !== undefined) errs.push(field.forbidden(Path.root('sendInitialEvents'), 'sendInitialEvents is forbidden for list'));
  return errs;
}

/** WatchList (sendInitialEvents) needs resourceVersionMatch=NotOlderThan, which plain watches may not set. */
function validateWatchOptions(opts: ListOptions): ErrorList {
  const errs: ErrorList = [];
  const match = opts.resourceVersionMatch;
  if (opts.sendInitialEvents !== undefined && match !== 'NotOlderThan') {
    errs.push(field.forbidden(rvmPath, 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
  }
  if (match) {
    if (opts.sendInitialEvents === undefined) errs.push(field.forbidden(rvmPath, 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
    if (match !== 'NotOlderThan') errs.push(field.notSupported(rvmPath, match, ['NotOlderThan']));
    if (opts.continue) errs.push(field.forbidden(rvmPath, 'resourceVersionMatch is forbidden when continue is provided'));
  }
  return errs;
}

/** The dryRun parameter: only "All" exists; anything else is a 422 on the verb's options kind. */
export function dryRunOf(ctx: Context, optionsKind: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions' = 'CreateOptions'): string[] | undefined {
  const v = ctx.query.dryRun;
  if (v === undefined) return undefined;
  const values = Array.isArray(v) ? v : [v];
  validateDryRun(values, optionsKind);
  return values;
}

export function validateDryRun(values: string[] | undefined, optionsKind: string): void {
  if (values && values.some((d) => d !== 'All')) {
    throw newInvalid(metaKind(optionsKind), '', [field.notSupported(Path.root('dryRun'), values, ['All'])]);
  }
}

/** DeleteOptions from the query string (used when the request has no body). */
export function deleteOptionsFromQuery(ctx: Context): DeleteOptions {
  const opts: DeleteOptions = {};
  const grace = int(ctx, 'gracePeriodSeconds');
  if (grace !== undefined) opts.gracePeriodSeconds = grace;
  const policy = str(ctx, 'propagationPolicy');
  if (policy) opts.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  const orphan = bool(ctx, 'orphanDependents');
  if (orphan !== undefined) opts.orphanDependents = orphan;
  const v = ctx.query.dryRun;
  if (v !== undefined) opts.dryRun = Array.isArray(v) ? v : [v];
  return opts;
}

/** ValidateDeleteOptions: 422 on DeleteOptions for a bad propagationPolicy or dryRun. */
export function validateDeleteOptions(opts: DeleteOptions): void {
  const errs: ErrorList = [];
  const policy = Path.root('propagationPolicy');
  if (opts.orphanDependents !== undefined && opts.propagationPolicy !== undefined) {
    errs.push(field.invalid(policy, opts.propagationPolicy, 'orphanDependents and deletionPropagation cannot be both set'));
  }
  if (opts.propagationPolicy !== undefined && !['Foreground', 'Background', 'Orphan'].includes(opts.propagationPolicy)) {
    errs.push(field.notSupported(policy, opts.propagationPolicy, ['Foreground', 'Background', 'Orphan', 'nil']));
  }
  if (opts.dryRun && opts.dryRun.some((d) => d !== 'All')) errs.push(field.notSupported(Path.root('dryRun'), opts.dryRun, ['All']));
  if (errs.length) throw newInvalid(metaKind('DeleteOptions'), '', errs);
}
