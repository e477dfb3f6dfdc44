/**
 * --tls-min-version and --tls-cipher-suites take Go's names (crypto/tls); Node's TLS stack is
 * OpenSSL, so they are translated here. Go does not let TLS 1.3 suites be configured — they stay
 * enabled whatever the list says — and neither do we.
 */

export type TLSVersion = 'TLSv1.2' | 'TLSv1.3';

const tlsVersions: Record<string, TLSVersion> = { VersionTLS12: 'TLSv1.2', VersionTLS13: 'TLSv1.3' };

/** cliflag.TLSVersion: the flag's names to Node's minVersion. TLS 1.0 and 1.1 are not served. */
export function tlsVersionFromFlag(name: string): TLSVersion {
  const version = tlsVersions[name];
  if (version) return version;
  if (name === 'VersionTLS10' || name === 'VersionTLS11') throw new Error(`unsupported tls version "${name}": kapi serves TLS 1.2 or later`);
  throw new Error(`unknown tls version "${name}"`);
}

const tls13Suites: Record<string, string> = {
  TLS_AES_128_GCM_SHA256: 'TLS_AES_128_GCM_SHA256',
  TLS_AES_256_GCM_SHA384: 'TLS_AES_256_GCM_SHA384',
  TLS_CHACHA20_POLY1305_SHA256: 'TLS_CHACHA20_POLY1305_SHA256',
};

/** IANA names Go accepts (secure and insecure lists) → OpenSSL names. */
const tls12Suites: Record<string, string> = {
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 'ECDHE-ECDSA-AES128-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 'ECDHE-ECDSA-AES256-SHA',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 'ECDHE-RSA-AES128-SHA',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 'ECDHE-RSA-AES256-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: 'ECDHE-ECDSA-AES128-SHA256',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: 'ECDHE-RSA-AES128-SHA256',
  TLS_RSA_WITH_AES_128_GCM_SHA256: 'AES128-GCM-SHA256',
  TLS_RSA_WITH_AES_256_GCM_SHA384: 'AES256-GCM-SHA384',
  TLS_RSA_WITH_AES_128_CBC_SHA: 'AES128-SHA',
  TLS_RSA_WITH_AES_256_CBC_SHA: 'AES256-SHA',
  TLS_RSA_WITH_AES_128_CBC_SHA256: 'AES128-SHA256',
  TLS_RSA_WITH_3DES_EDE_CBC_SHA: 'DES-CBC3-SHA',
  TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA: 'ECDHE-RSA-DES-CBC3-SHA',
  TLS_RSA_WITH_RC4_128_SHA: 'RC4-SHA',
  TLS_ECDHE_RSA_WITH_RC4_128_SHA: 'ECDHE-RSA-RC4-SHA',
  TLS_ECDHE_ECDSA_WITH_RC4_128_SHA: 'ECDHE-ECDSA-RC4-SHA',
};

/**
 * cliflag.TLSCipherSuites: the OpenSSL cipher string for Node's `ciphers` option, or undefined for
 * Node's defaults when the flag is empty. TLS 1.3 suites are always kept, as in Go.
 */
export function cipherSuitesFromFlag(names: string[]): string | undefined {
  if (names.length === 0) return undefined;
  const tls12: string[] = [];
  for (const name of names) {
    if (tls13Suites[name]) continue;
    const openssl = tls12Suites[name];
    if (!openssl) throw new Error(`Cipher suite ${name} not supported or doesn't exist`);
    if (!tls12.includes(openssl)) tls12.push(openssl);
  }
  return [...Object.values(tls13Suites), ...tls12].join(':');
}
