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
