import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { parseGoDuration } from '../util/duration';

/**
 * The HTTP server's own limits, as kube-apiserver's SecureServingInfo.Serve sets them on Go's
 * http.Server: ReadHeaderTimeout 32 s (which in Go also bounds the TLS handshake and the wait for
 * a new connection's first request), IdleTimeout 90 s between keep-alive requests, and
 * MaxHeaderBytes 1 MiB (Go allows 4 KiB more and answers 431 beyond). kube-apiserver has no
 * flags for them; kapi reads KAPI_READ_HEADER_TIMEOUT and KAPI_IDLE_TIMEOUT (Go durations) so
 * tests can shorten them.
 */
export interface HTTPServerLimits {
  readHeaderTimeoutMs: number;
  idleTimeoutMs: number;
  maxHeaderBytes: number;
}

export const defaultHTTPServerLimits: HTTPServerLimits = {
  readHeaderTimeoutMs: 32_000,
  idleTimeoutMs: 90_000,
  maxHeaderBytes: 1 << 20,
};

export function httpServerLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): HTTPServerLimits {
  const duration = (name: string, dflt: number) => {
    const value = env[name];
    if (value === undefined || value === '') return dflt;
    const ms = parseGoDuration(value);
    if (ms === undefined || ms <= 0) throw new Error(`invalid ${name} ${JSON.stringify(value)}: want a positive duration such as 32s`);
    return ms;
  };
  return {
    ...defaultHTTPServerLimits,
    readHeaderTimeoutMs: duration('KAPI_READ_HEADER_TIMEOUT', defaultHTTPServerLimits.readHeaderTimeoutMs),
    idleTimeoutMs: duration('KAPI_IDLE_TIMEOUT', defaultHTTPServerLimits.idleTimeoutMs),
  };
}

/** Options Node only takes when the server is created. */
export function httpServerOptions(limits: HTTPServerLimits): http.ServerOptions {
  return {
    // Go's bufio allowance on top of MaxHeaderBytes.
    maxHeaderSize: limits.maxHeaderBytes + 4096,
    // Node sweeps for expired header reads on this interval (30 s by default): often enough that a
    // header timeout is kept to within a quarter of itself.
    connectionsCheckingInterval: Math.min(5000, Math.max(250, Math.floor(limits.readHeaderTimeoutMs / 4))),
  };
}

/**
 * Applies the timeouts to a server. Node's headersTimeout runs from the moment a connection is
 * accepted or a keep-alive connection receives its next byte, so it also closes a connection that
 * never sends a request, as Go's ReadHeaderTimeout does.
 */
export function applyHTTPServerLimits(server: http.Server, limits: HTTPServerLimits): void {
  server.headersTimeout = limits.readHeaderTimeoutMs;
  server.keepAliveTimeout = limits.idleTimeoutMs;
  // Node's whole-request limit must not be shorter than the header timeout; a body upload is
  // bounded by --request-timeout instead, as in kube-apiserver.
  server.requestTimeout = Math.max(server.requestTimeout, limits.readHeaderTimeoutMs);
  server.on('clientError', answerClientError);
}

/**
 * A request Node cannot parse, answered as Go's net/http does: 431 in plain text for headers over
 * the limit, 400 for the rest, and a silent close for a client that timed out or went away (Node
 * would answer 408).
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const writable = socket.writable && !socket.destroyed && (err as { bytesParsed?: number }).bytesParsed !== undefined;
  if (!writable || err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${status}`);
}
