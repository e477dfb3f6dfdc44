import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Context } from 'koa';
import { takeUpgradeConnection, type UserInfo } from '@kapi/apiserver-core';
import type { ProxyTarget } from './proxy-transport';
import { proxiedRequestHeaders, proxiedResponseHeaders } from './remote-headers';

/** The backend's 101 head, passed on as it came: its Upgrade, Connection and Sec-WebSocket-* headers belong to the switch. */
function switchingProtocolsHead(res: IncomingMessage): string {
  const lines = [`HTTP/1.1 ${res.statusCode} ${res.statusMessage ?? 'Switching Protocols'}`];
  for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Joins two streams both ways; either side ending or failing ends the other. */
function tunnel(a: Duplex, b: Duplex): void {
  const cut = () => {
    a.destroy();
    b.destroy();
  };
  a.on('error', cut);
  b.on('error', cut);
  a.on('close', cut);
  b.on('close', cut);
  a.pipe(b);
  b.pipe(a);
}

/**
 * UpgradeAwareHandler.tryUpgrade for the aggregator: the upgrade request (SPDY or WebSocket) is
 * sent to the extension server with its Connection/Upgrade headers and the front-proxy identity
 * headers set ahead of time (kube's SetAuthProxyHeaders: the upgrade dial bypasses the round
 * tripper); a 101 joins the client's and the backend's connections byte for byte, any other answer
 * (the backend's 400, 401, 403 …) is passed back as it is. A backend that cannot be dialled is a
 * 503 with the dial error, as kube's responder writes it. Resolves once the streams are joined or
 * the answer has been written: the stream itself is long-running and outlives the request.
 */
export function proxyUpgrade(ctx: Context, target: ProxyTarget, user: UserInfo, onError: (message: string) => void): Promise<void> {
  const headers = proxiedRequestHeaders(ctx.req.headers, user);
  headers.connection = 'Upgrade';
  headers.upgrade = ctx.req.headers.upgrade;
  return new Promise((resolve) => {
    const { host, port, agent } = target;
    const upstream = https.request({ host, port, agent, method: ctx.method, path: ctx.url, headers });
    upstream.on('upgrade', (res, backend, backendHead) => {
      const conn = takeUpgradeConnection(ctx.req);
      if (!conn) {
        backend.destroy();
        return resolve();
      }
      ctx.respond = false;
      conn.socket.write(switchingProtocolsHead(res));
      if (backendHead.length) conn.socket.write(backendHead);
      if (conn.head.length) backend.write(conn.head);
      tunnel(conn.socket, backend);
      resolve();
    });
    upstream.on('response', (res) => {
      ctx.respond = false;
      ctx.res.writeHead(res.statusCode ?? 502, proxiedResponseHeaders(res.headers));
      res.pipe(ctx.res);
      res.on('error', () => ctx.res.destroy());
      ctx.res.on('finish', () => resolve());
    });
    upstream.on('error', (err) => {
      if (ctx.respond === false) ctx.res.destroy();
      else onError(err.message);
      resolve();
    });
    ctx.res.on('close', () => {
      if (!ctx.res.writableFinished) upstream.destroy();
    });
    upstream.end();
  });
}
