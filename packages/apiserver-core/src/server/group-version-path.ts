/**
 * The group-version part of a resource path, which picks the router of a request before any route
 * is matched: "/api/v1" of "/api/v1/namespaces/x/pods", "/apis/apps/v1" of "/apis/apps/v1/deployments";
 * "" for a path outside /api and /apis or too short to name a version ("/apis/apps").
 */
export function groupVersionPathOf(path: string): string {
  const slashes = path.startsWith('/api/') ? 2 : path.startsWith('/apis/') ? 3 : 0;
  if (slashes === 0) return '';
  let end = 0;
  for (let i = 0; i < slashes; i++) {
    end = path.indexOf('/', end + 1);
    // No slash after the version: the path is the group-version itself ("/api/v1").
    if (end < 0) return i === slashes - 1 ? path : '';
  }
  return path.slice(0, end);
}

/**
 * The routers a resource request may belong to, by the resource path they serve ("/api/v1/configmaps"):
 * the resource the path names — after "namespaces/<ns>/" for a namespaced one, after "watch/" for the
 * deprecated watch paths — and, for "namespaces/<name>/<sub>", the namespaces resource as the fallback
 * (its own subresources, status and finalize). Empty strings for paths outside /api and /apis.
 */
export function resourcePathsOf(path: string): [string, string] {
  const gv = groupVersionPathOf(path);
  if (!gv) return ['', ''];
  const rest = path.slice(gv.length + 1).split('/');
  if (rest[0] === 'watch') rest.shift();
  if (rest[0] === 'namespaces' && rest.length >= 3) return [`${gv}/${rest[2]}`, `${gv}/namespaces`];
  return [`${gv}/${rest[0]}`, ''];
}

/** A group-version's storage map split by top-level resource: "pods" with "pods/status", "pods/log", … */
export function byResource<T>(storageMap: Record<string, T>): Record<string, Record<string, T>> {
  const out: Record<string, Record<string, T>> = {};
  for (const path of Object.keys(storageMap).sort()) (out[path.split('/')[0]] ??= {})[path] = storageMap[path];
  return out;
}
