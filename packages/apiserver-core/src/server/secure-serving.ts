import https from 'node:https';
import type { RequestListener } from 'node:http';
import type { TLSVersion } from './tls-options';

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

export function createSecureServer(info: SecureServingInfo, handler: RequestListener): https.Server {
  return https.createServer(
    {
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
}
