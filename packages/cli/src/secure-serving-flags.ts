import { isIP } from 'node:net';
import type { ServerRunOptions } from '@kapi/controlplane';

/** The flags of SecureServingOptions and the x509/anonymous part of BuiltInAuthenticationOptions, with kube's texts. */
export const secureServingFlagSpec = {
  'secure-port': { type: 'string', description: 'The port on which to serve HTTPS with authentication and authorization. 0 picks a free port. (default 6443)' },
  'tls-cert-file': {
    type: 'string',
    description:
      'File containing the default x509 Certificate for HTTPS (CA cert, if any, concatenated after server cert). If HTTPS serving is enabled, and --tls-cert-file and --tls-private-key-file are not provided, a self-signed certificate and key are generated for the public address and saved to the directory specified by --cert-dir.',
  },
  'tls-private-key-file': { type: 'string', description: 'File containing the default x509 private key matching --tls-cert-file.' },
  'cert-dir': {
    type: 'string',
    description: 'The directory where the TLS certs are located. If --tls-cert-file and --tls-private-key-file are provided, this flag will be ignored. (default "<data-dir>/pki")',
  },
  'client-ca-file': {
    type: 'string',
    description:
      'If set, any request presenting a client certificate signed by one of the authorities in the client-ca-file is authenticated with an identity corresponding to the CommonName of the client certificate. (default: the generated CA)',
  },
  'advertise-address': { type: 'string', description: 'The IP address on which to advertise the apiserver to members of the cluster; added to the generated serving certificate.' },
  'anonymous-auth': {
    type: 'string',
    description:
      'Enables anonymous requests to the secure port of the API server. Requests that are not rejected by another authentication method are treated as anonymous requests. Anonymous requests have a username of system:anonymous, and a group name of system:unauthenticated. (default true)',
  },
  'tls-min-version': { type: 'string', description: 'Minimum TLS version supported. Possible values: VersionTLS12, VersionTLS13. (default VersionTLS12)' },
  'tls-cipher-suites': {
    type: 'string',
    multiple: true,
    description:
      "Comma-separated list of cipher suites for the server (Go's IANA names, e.g. TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256). If omitted, the default Node.js cipher suites will be used. TLS 1.3 suites are not configurable.",
  },
} as const;

type Str = (name: string) => string | undefined;
type List = (name: string) => string[] | undefined;

function portFlag(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new Error(`invalid argument "${value}" for "--${name}" flag`);
  return Number(value);
}

/** Copies the secure-serving flags into the options; errors become usage errors in parseServerFlags. */
export function applySecureServingFlags(opts: ServerRunOptions, str: Str, list: List): void {
  if (str('secure-port') !== undefined) opts.securePort = portFlag('secure-port', str('secure-port')!);
  opts.tlsCertFile = str('tls-cert-file') || undefined;
  opts.tlsPrivateKeyFile = str('tls-private-key-file') || undefined;
  opts.certDir = str('cert-dir') || undefined;
  opts.clientCAFile = str('client-ca-file') || undefined;
  opts.advertiseAddress = str('advertise-address') || undefined;
  if (opts.advertiseAddress && !isIP(opts.advertiseAddress)) {
    throw new Error(`invalid argument "${opts.advertiseAddress}" for "--advertise-address" flag: failed to parse IP: "${opts.advertiseAddress}"`);
  }
  opts.tlsMinVersion = str('tls-min-version') || undefined;
  opts.tlsCipherSuites = (list('tls-cipher-suites') ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const anonymous = str('anonymous-auth');
  if (anonymous !== undefined) {
    if (!['true', 'false', ''].includes(anonymous))
      throw new Error(`invalid argument "${anonymous}" for "--anonymous-auth" flag: strconv.ParseBool: parsing "${anonymous}": invalid syntax`);
    opts.anonymousAuth = anonymous !== 'false';
  }
}
