import https from 'node:https';
import type { Context, Middleware } from 'koa';
import { isUpgradeRequest, type UserInfo } from '@kapi/apiserver-core';
import { availableCondition, isLocal } from '../apis/apiservice/types';
import type { APIServiceCache } from '../apiservice-cache';
import { proxiedRequestHeaders, proxiedResponseHeaders } from './remote-headers';
import type { ProxyTransport } from './proxy-transport';
import { proxyUpgrade } from './upgrade-proxy';

const groupVersionPath = /^\/apis\/([^/]+)\/([^/]+)(?:\/|$)/;

/** http.Error, as kube-aggregator's proxyError writes it: plain text, a trailing newline, no sniffing. */
function proxyError(ctx: Context, message: string, code: number): void {
  ctx.status = code;
  ctx.set('Content-Type', 'text/plain; charset=utf-8');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = `${message}\n`;
}

/**
 * proxyHandler of kube-aggregator: requests under /apis/<group>/<version> of a remote APIService go
 * to its server, streamed both ways (watches and large bodies are never buffered), as the user the
 * filters authenticated and authorized here. An APIService that is not Available answers 503
 * "service unavailable" for its group-version only. Upgrade requests switch protocols end to end
 * (upgrade-proxy). Local APIServices and every other path pass on.
 */
export function newProxyHandler(cache: APIServiceCache, transport: ProxyTransport): Middleware {
  return async (ctx, next) => {
    const m = groupVersionPath.exec(ctx.path);
    const apiService = m && cache.forGroupVersion(m[1], m[2]);
    if (!apiService || isLocal(apiService)) return next();
    const user = ctx.state.user as UserInfo | undefined;
    if (!user) return proxyError(ctx, 'missing user', 500);
    if (availableCondition(apiService)?.status !== 'True') return proxyError(ctx, 'service unavailable', 503);
    let target;
    try {
      target = await transport.target(apiService);
    } catch (err) {
      return proxyError(ctx, (err as Error).message, 503);
    }
    // An upgrade (exec, attach, port-forward over SPDY or WebSocket) has passed the same filters; kube's responder answers a failed dial 503.
    if (isUpgradeRequest(ctx.req.headers)) return proxyUpgrade(ctx, target, user, (message) => proxyError(ctx, message, 503));
    await forward(ctx, target.host, target.port, target.agent, user);
  };
}

/** Streams the request to host:port and the answer back; errors before the answer started are a 503. */
function forward(ctx: Context, host: string, port: number, agent: https.Agent, user: UserInfo): Promise<void> {
  return new Promise((resolve) => {
    const upstream = https.request({
      host,
      port,
      agent,
      method: ctx.method,
      path: ctx.url,
      headers: proxiedRequestHeaders(ctx.req.headers, user),
    });
    upstream.on('response', (res) => {
      ctx.respond = false;
      ctx.res.writeHead(res.statusCode ?? 502, proxiedResponseHeaders(res.headers));
      // Watches stream: every chunk goes out as it comes, without buffering.
      ctx.res.flushHeaders();
      res.pipe(ctx.res);
      res.on('error', () => ctx.res.destroy());
      ctx.res.on('close', () => resolve());
    });
    upstream.on('error', (err) => {
      if (!ctx.res.headersSent && ctx.respond !== false) {
        proxyError(ctx, `Error trying to reach service: '${err.message}'`, 503);
      } else {
        ctx.res.destroy();
      }
      resolve();
    });
    // A client that goes away before its answer is complete (a watch ended by kubectl) ends the upstream request
    // too; a completed exchange leaves the connection to the keep-alive pool.
    ctx.res.on('close', () => {
      if (!ctx.res.writableFinished) upstream.destroy();
    });
    ctx.req.pipe(upstream);
  });
}
