import https from 'node:https';
import type { RequestListener } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { TLSVersion } from './tls-options';
import { applyHTTPServerLimits, httpServerOptions, type HTTPServerLimits } from './http-limits';

/**
 * SecureServingInfo: the serving certificate and what the TLS layer asks of clients. Client
 * certificates are requested, never required (tls.RequestClientCert, as kube-apiserver), so bearer
 * tokens and anonymous requests still get through; the x509 authenticator judges the certificate.
 */
export interface SecureServingInfo {
  /** PEM serving certificate (with its intermediates, leaf first) and private key. */
  cert: string;
  key: string;
  /** PEM bundle of --client-ca-file: sent to clients as the acceptable issuers of a client certificate. */
  clientCA?: string;
  /** --tls-min-version (default TLS 1.2). */
  minVersion?: TLSVersion;
  /** --tls-cipher-suites as an OpenSSL cipher string (cipherSuitesFromFlag). */
  ciphers?: string;
}

export function createSecureServer(info: SecureServingInfo, handler: RequestListener, limits: HTTPServerLimits): https.Server {
  const server = https.createServer(
    {
      ...httpServerOptions(limits),
      // Go bounds the TLS handshake by ReadHeaderTimeout too.
      handshakeTimeout: limits.readHeaderTimeoutMs,
      cert: info.cert,
      key: info.key,
      ca: info.clientCA,
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: info.minVersion ?? 'TLSv1.2',
      ...(info.ciphers ? { ciphers: info.ciphers, honorCipherOrder: true } : {}),
    },
    handler,
  );
  server.on('tlsClientError', answerPlainHTTP);
  applyHTTPServerLimits(server, limits);
  return server;
}

/** Go's answer to plain HTTP on a TLS port, which kubectl shows as the server's error. */
const plainHTTPAnswer = 'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n';

/**
 * OpenSSL recognises a plain HTTP request in place of a ClientHello; as Go's net/http, answer it in
 * plain text on the raw connection (Node keeps it as the TLS socket's private `_parent`) instead
 * of just closing it, so `kubectl -s http://…` says what went wrong.
 */
function answerPlainHTTP(err: NodeJS.ErrnoException, tlsSocket: TLSSocket): void {
  if (err.code !== 'ERR_SSL_HTTP_REQUEST') return;
  const raw = (tlsSocket as unknown as { _parent?: Socket })._parent;
  if (raw && !raw.destroyed && raw.writable) raw.end(plainHTTPAnswer);
}
