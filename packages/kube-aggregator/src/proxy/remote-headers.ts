import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { UserInfo } from '@kapi/apiserver-core';

/** Hop-by-hop headers (RFC 9110 §7.6.1) and the caller's credentials never travel to the extension server. */
const dropped = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'authorization',
  'host',
]);

/**
 * The request headers an extension server receives (handler_proxy + transport.NewAuthProxyRoundTripper):
 * the client's own, less credentials, impersonation and any identity headers the client forged, plus
 * the authenticated user in the front-proxy headers the extension trusts from the proxy's certificate.
 */
export function proxiedRequestHeaders(incoming: IncomingHttpHeaders, user: UserInfo): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    const lower = name.toLowerCase();
    if (dropped.has(lower) || lower.startsWith('impersonate-') || lower.startsWith('x-remote-') || value === undefined) continue;
    out[lower] = value;
  }
  out['x-remote-user'] = user.name;
  if (user.uid) out['x-remote-uid'] = user.uid;
  if (user.groups.length > 0) out['x-remote-group'] = [...user.groups];
  for (const [key, values] of Object.entries(user.extra ?? {})) out[`x-remote-extra-${encodeURIComponent(key)}`] = [...values];
  return out;
}

/** Response headers passed back to the client: everything but hop-by-hop ones. */
export function proxiedResponseHeaders(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || dropped.has(name.toLowerCase())) continue;
    out[name] = value;
  }
  return out;
}
