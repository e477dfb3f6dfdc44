import https from 'node:https';
import type { APIService } from '../apis/apiservice/types';
import type { ProxyTransport } from './proxy-transport';

/** The identity of the aggregator's own requests (discovery checks, OpenAPI): kube-aggregator's, as kube sends it. */
const aggregatorUser = { 'x-remote-user': 'system:kube-aggregator', 'x-remote-group': ['system:masters'] };

export interface ServiceResponse {
  statusCode: number;
  body: Buffer;
}

/** Where GETs to an extension server went, for the messages the availability controller writes. */
export function serviceURL(s: APIService, path: string): string {
  const svc = s.spec!.service!;
  return `https://${svc.name}.${svc.namespace}.svc:${svc.port ?? 443}${path}`;
}

/** A GET from an APIService's server through the proxy's transport, bounded in time and size. */
export async function getFromService(transport: ProxyTransport, s: APIService, path: string, timeoutMs: number, maxBytes = 64 << 20): Promise<ServiceResponse> {
  const target = await transport.target(s);
  return new Promise((resolve, reject) => {
    const req = https.get({ host: target.host, port: target.port, agent: target.agent, path, headers: { accept: 'application/json', ...aggregatorUser }, timeout: timeoutMs });
    req.on('timeout', () => req.destroy(new Error(`Get "${serviceURL(s, path)}": context deadline exceeded`)));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) req.destroy(new Error(`response from ${serviceURL(s, path)} exceeds ${maxBytes} bytes`));
        else chunks.push(c);
      });
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
  });
}
