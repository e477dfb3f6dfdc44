import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { newInternalError, type Getter, type J } from '@kapi/apiserver-core';

/** client.ConnectionInfo: where a node's kubelet listens. */
export interface KubeletConnectionInfo {
  scheme: 'https';
  hostname: string;
  port: number;
}

/** kube-apiserver's default --kubelet-preferred-address-types order. */
const preferredAddressTypes = ['Hostname', 'InternalDNS', 'InternalIP', 'ExternalDNS', 'ExternalIP'];

export const defaultKubeletPort = 10250;

/** NodeConnectionInfoGetter: the node's preferred address and its kubelet endpoint port. */
export async function kubeletConnectionInfo(nodes: Getter, nodeName: string): Promise<KubeletConnectionInfo> {
  const node = await nodes.get({}, nodeName, {});
  const status = (node.status ?? {}) as J;
  const addresses: J[] = status.addresses ?? [];
  let hostname: string | undefined;
  for (const t of preferredAddressTypes) {
    hostname = addresses.find((a) => a.type === t && a.address)?.address;
    if (hostname) break;
  }
  if (!hostname) {
    throw newInternalError(new Error(`no preferred addresses found; known addresses: [${addresses.map((a) => `{${a.type} ${a.address}}`).join(' ')}]`));
  }
  const port = Number(status.daemonEndpoints?.kubeletEndpoint?.Port) || defaultKubeletPort;
  return { scheme: 'https', hostname, port };
}

/** How long a backend may take to accept a connection before the client gets an error instead of a hang. */
export const backendDialTimeoutMs = 5000;

export interface ProxyTarget {
  url: URL;
}

/**
 * Forwards one HTTP request to a backend (kubelet or pod) and streams the answer back; a backend
 * that refuses or does not answer in time becomes a 503 Status (never a hanging request).
 */
export function forwardHTTP(req: http.IncomingMessage, res: http.ServerResponse, target: URL, method = req.method ?? 'GET', lookup?: LookupFunction): Promise<void> {
  return new Promise<void>((resolve) => {
    const client = target.protocol === 'https:' ? https : http;
    const headers = { ...req.headers };
    delete headers.host;
    delete headers.authorization;
    // `lookup` pins the connection to the address a proxy check approved (no second DNS answer).
    const upstream = client.request(target, { method, headers, rejectUnauthorized: false, timeout: backendDialTimeoutMs, ...(lookup ? { lookup } : {}) }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      up.on('end', () => resolve());
      up.on('error', () => resolve());
    });
    // A backend switching protocols (exec, attach, port-forward streams) would need the raw client
    // socket, which the HTTP server keeps parsing: answer instead of leaving the client waiting.
    upstream.on('upgrade', (_up, socket) => {
      socket.destroy();
      writeStatus(res, 501, '', 'kapi does not proxy streaming upgrades (exec, attach, port-forward) to kubelets');
      resolve();
    });
    upstream.on('timeout', () => upstream.destroy(new Error(`dial tcp ${target.host}: i/o timeout`)));
    upstream.on('error', (err) => {
      if (!res.headersSent) writeStatus(res, 503, 'ServiceUnavailable', `error trying to reach service: ${err.message}`);
      else res.destroy();
      resolve();
    });
    req.pipe(upstream);
  });
}

/** Writes a Status without koa (connect handlers own the raw response). */
export function writeStatus(res: http.ServerResponse, code: number, reason: string, message: string): void {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** The path below .../proxy/ that the client asked for (the router passes it as the "path" option). */
export function proxyPath(opts: Record<string, string | string[]>): string {
  const p = opts.path;
  const s = Array.isArray(p) ? p[0] : p;
  return s ? (s.startsWith('/') ? s : `/${s}`) : '/';
}

export function queryString(opts: Record<string, string | string[]>, skip: string[] = []): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(opts)) {
    if (skip.includes(k)) continue;
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, one);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
