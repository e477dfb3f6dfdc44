import type { IncomingMessage } from 'node:http';

/** The part of the `ws` package's client the tests use (ws ships no types; its API is stable since v8). */
interface WebSocketClient {
  on(event: 'open', cb: () => void): void;
  once(event: 'message', cb: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'unexpected-response', cb: (req: unknown, res: IncomingMessage) => void): void;
  on(event: 'error', cb: (err: Error) => void): void;
  on(event: 'close', cb: (code: number) => void): void;
  send(data: string | Buffer): void;
  close(): void;
  protocol: string;
}
type WebSocketConstructor = new (url: string, protocols: string[], opts: { ca?: string; cert?: string; key?: string; headers?: Record<string, string> }) => WebSocketClient;
const WebSocket = require('ws') as WebSocketConstructor;

/** A refused handshake: the HTTP answer the server gave instead of 101. */
export interface RefusedUpgrade {
  status: number;
  contentType: string;
  body: string;
}

/**
 * A real WebSocket client (the `ws` package kubectl's Node counterparts use) over TLS: resolves
 * with the open socket, or with the server's answer when it refused to switch protocols.
 */
export function openWebSocket(url: string, tls: { ca: string; cert?: string; key?: string }, protocols: string[] = []): Promise<WebSocketClient | RefusedUpgrade> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), protocols, tls);
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body }));
      res.on('error', reject);
    });
    ws.on('error', reject);
  });
}

/** Sends one message and resolves with the next one the server sends. */
export function echo(ws: WebSocketClient, data: string | Buffer): Promise<{ data: Buffer; binary: boolean }> {
  return new Promise((resolve) => {
    ws.once('message', (d, binary) => resolve({ data: d, binary }));
    ws.send(data);
  });
}

export type { WebSocketClient };
