import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** The raw connection of an upgrade request, and the bytes the client sent after its headers. */
export interface UpgradeConnection {
  socket: Duplex;
  head: Buffer;
}

const pending = new WeakMap<IncomingMessage, UpgradeConnection>();

/**
 * httpstream.IsUpgradeRequest: `Connection` names the `upgrade` token (SPDY and WebSocket clients
 * send `Connection: Upgrade` with an `Upgrade` header).
 */
export function isUpgradeRequest(headers: http.IncomingHttpHeaders): boolean {
  const tokens = String(headers.connection ?? '')
    .toLowerCase()
    .split(',')
    .map((t) => t.trim());
  return tokens.includes('upgrade') && !!headers.upgrade;
}

/**
 * The connection of an upgrade request, for the one handler that switches protocols on it (a
 * Connecter's handler, the aggregator's proxy). Whoever takes it answers on the socket itself; a
 * second call, or a request that did not arrive as an upgrade, gets undefined.
 */
export function takeUpgradeConnection(req: IncomingMessage): UpgradeConnection | undefined {
  const conn = pending.get(req);
  pending.delete(req);
  return conn;
}

/**
 * Runs upgrade requests through the same handler (the whole filter chain: authentication, audit,
 * in-flight limits, authorization, then the routes) as every other request, instead of Node's
 * default of treating them as plain requests with no way to switch protocols. The handler writes
 * to an ordinary ServerResponse on the raw socket, so a refusal (401, 403, 404, 503) is the usual
 * Status; a handler that switches protocols takes the socket with takeUpgradeConnection. A request
 * answered without switching closes its connection afterwards (nothing parses HTTP on it any more).
 * `track` sees every upgraded socket, so shutdown can cut the streams it leaves open.
 */
export function serveUpgrades(server: http.Server, handler: http.RequestListener, track: (socket: Duplex) => void): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    // The server's idle timeout was for HTTP; a switched stream lives as long as its peers keep it.
    (socket as Duplex & { setTimeout?: (ms: number) => void }).setTimeout?.(0);
    track(socket);
    const res = new http.ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket as import('node:net').Socket);
    pending.set(req, { socket, head });
    res.on('finish', () => {
      if (pending.delete(req)) socket.end();
    });
    handler(req, res);
  });
}
