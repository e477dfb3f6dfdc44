import type { Context } from 'koa';
import type { RequestInfo } from '../../rest/context';

const verbsByMethod: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete', GET: 'get', HEAD: 'get' };

/**
 * RequestInfoFactory.NewRequestInfo: what a path names (group, version, namespace, resource, name,
 * subresource) and the verb, resolved before routing so the filters (metrics of refused requests,
 * long-running checks) know it. Non-resource paths (/healthz, /metrics) resolve to undefined.
 */
export function resolveRequestInfo(ctx: Context): RequestInfo | undefined {
  const parts = ctx.path.split('/').filter(Boolean);
  let apiPrefix: string;
  let apiGroup = '';
  if (parts[0] === 'api') {
    apiPrefix = '/api';
    parts.shift();
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    apiPrefix = '/apis';
    parts.shift();
    apiGroup = parts.shift()!;
  } else {
    return undefined;
  }
  const apiVersion = parts.shift();
  if (!apiVersion || parts.length === 0) return undefined;
  let watchPath = false;
  const head = (): string | undefined => parts[0];
  if (head() === 'watch') {
    watchPath = true;
    parts.shift();
  }
  let namespace = '';
  if (head() === 'namespaces' && parts.length >= 3 && !namespaceSubresources.has(parts[2])) {
    namespace = parts[1];
    parts.splice(0, 2);
  } else if (head() === 'namespaces' && parts.length >= 2) {
    // /api/v1/namespaces/<name>, and its /status and /finalize: the namespace object itself.
    namespace = parts[1];
  }
  const [resource = '', name = '', subresource = ''] = parts;
  let verb = verbsByMethod[ctx.method] ?? ctx.method.toLowerCase();
  if (!name && verb === 'get') verb = 'list';
  if (!name && verb === 'delete') verb = 'deletecollection';
  const w = String(ctx.query.watch ?? '').toLowerCase();
  if (watchPath || (verb === 'list' && (w === 'true' || w === '1'))) verb = 'watch';
  const listedName = verb === 'list' || verb === 'watch' ? nameFromFieldSelector(ctx.query.fieldSelector) : undefined;
  return { verb, apiPrefix, apiGroup, apiVersion, namespace, resource, subresource, name: listedName ?? name };
}

/**
 * A list or watch whose field selector requires `metadata.name=<n>` reads only the object <n>, so
 * kube authorizes it as a request for that name: a Role with resourceNames lets its subject watch
 * the one object (the components watch kube-system/extension-apiserver-authentication that way).
 * The value is fields.Selector.RequiresExactMatch("metadata.name") of the parsed selector.
 */
/** The namespace's own subresources: /namespaces/<n>/status is resource namespaces, not a resource `status` in <n>. */
const namespaceSubresources = new Set(['status', 'finalize']);

export function nameFromFieldSelector(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  for (const term of splitUnescaped(raw, ',')) {
    const m = /^\s*metadata\.name\s*(==|=)(.*)$/.exec(term);
    if (!m) continue;
    const name = unescapeFieldValue(m[2].trim());
    // path.IsValidPathSegmentName: a name that could not be a path segment is not one object's name.
    return name === '.' || name === '..' || /[/%]/.test(name) ? undefined : name;
  }
  return undefined;
}

/** Splits on `sep` where it is not escaped by a backslash (fields.ParseSelector's term splitting). */
function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i] + s[i + 1];
      i++;
    } else if (s[i] === sep) {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}

function unescapeFieldValue(v: string): string {
  return v.replace(/\\(.)/g, '$1');
}
