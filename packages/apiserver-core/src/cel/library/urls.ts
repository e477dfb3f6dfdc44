import type { CelEnvironment } from '../engine';

/** Kubernetes' CEL URL library (k8s.io/apiserver/pkg/cel/library/urls.go): url(), isURL() and the accessors. */
class CelURL {
  constructor(readonly url: URL) {}
}

function parse(s: string): URL | undefined {
  // Go's url.ParseRequestURI: absolute URLs or absolute paths, no fragments.
  if (s.includes('#')) return undefined;
  try {
    return s.startsWith('/') ? new URL(s, 'relative:///') : new URL(s);
  } catch {
    return undefined;
  }
}

export function registerURLs(env: CelEnvironment): void {
  env.registerType('URL', CelURL);
  env.registerFunction('isURL(string): bool', (s: string) => parse(s) !== undefined);
  env.registerFunction('url(string): URL', (s: string) => {
    const u = parse(s);
    if (!u) throw new Error(`URL parse error during conversion from string: parse "${s}": invalid URI for request`);
    return new CelURL(u);
  });
  const part = (u: CelURL, f: (x: URL) => string): string => (u.url.protocol === 'relative:' ? '' : f(u.url));
  env.registerFunction('URL.getScheme(): string', (u: CelURL) => part(u, (x) => x.protocol.slice(0, -1)));
  env.registerFunction('URL.getHost(): string', (u: CelURL) => part(u, (x) => x.host));
  env.registerFunction('URL.getHostname(): string', (u: CelURL) => part(u, (x) => x.hostname.replace(/^\[|\]$/g, '')));
  env.registerFunction('URL.getPort(): string', (u: CelURL) => part(u, (x) => x.port));
  env.registerFunction('URL.getEscapedPath(): string', (u: CelURL) => u.url.pathname);
  env.registerFunction('URL.getQuery(): map<string, list<string>>', (u: CelURL) => {
    const q: Record<string, string[]> = {};
    for (const [k, v] of u.url.searchParams) (q[k] ??= []).push(v);
    return q;
  });
}
