import { readFileSync } from 'node:fs';
import {
  cipherSuitesFromFlag,
  loadCertificateAuthority,
  newCertificateAuthority,
  newServingCertificate,
  tlsVersionFromFlag,
  type CertificateAuthority,
  type SecureServingInfo,
} from '@kapi/apiserver-core';
import type { ServerRunOptions } from '../options';
import { loadOrGenerateCertDir } from './cert-dir';
import { servingHosts } from './serving-hosts';

/** What the flags resolve to: the TLS listener's settings and the CAs the rest of the server needs. */
export interface SecureServingConfig {
  info: SecureServingInfo;
  /** The PEM bundle the x509 authenticator trusts (--client-ca-file, else kapi's own CA); none: no x509 authentication. */
  clientCA?: string;
  /** The PEM CA that signed the serving certificate, when kapi made it (for kubeconfigs); unknown for --tls-cert-file. */
  servingCA?: string;
  /** kapi's own CA, when its client certificates are accepted: it signs the admin kubeconfig's certificate. */
  signingCA?: CertificateAuthority;
  /** The cert dir used, and what was generated in it on this start. */
  certDir?: string;
  generated: string[];
}

export type SecureServingOptions = Pick<
  ServerRunOptions,
  | 'bindAddress'
  | 'serviceClusterIPRange'
  | 'tlsCertFile'
  | 'tlsPrivateKeyFile'
  | 'certDir'
  | 'clientCAFile'
  | 'advertiseAddress'
  | 'tlsMinVersion'
  | 'tlsCipherSuites'
  | 'signingCA'
>;

function readFlagFile(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`failed to read ${flag} "${file}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/**
 * SecureServingOptions.ApplyTo with MaybeDefaultWithSelfSignedCerts: --tls-cert-file and
 * --tls-private-key-file when given; otherwise a CA and serving certificate kept in --cert-dir
 * (`kapi server` defaults it to <data-dir>/pki); without a cert dir either — an in-process server —
 * the serving certificate is signed in memory by `signingCA`, or by a CA made for this server.
 */
export async function resolveSecureServing(opts: SecureServingOptions): Promise<SecureServingConfig> {
  if (Boolean(opts.tlsCertFile) !== Boolean(opts.tlsPrivateKeyFile)) {
    throw new Error('--tls-cert-file and --tls-private-key-file must be given together');
  }
  const tls = { minVersion: tlsVersionFromFlag(opts.tlsMinVersion || 'VersionTLS12'), ciphers: cipherSuitesFromFlag(opts.tlsCipherSuites ?? []) };
  const clientCAFile = opts.clientCAFile ? readFlagFile('--client-ca-file', opts.clientCAFile) : undefined;
  if (opts.tlsCertFile && opts.tlsPrivateKeyFile) {
    const cert = readFlagFile('--tls-cert-file', opts.tlsCertFile);
    const key = readFlagFile('--tls-private-key-file', opts.tlsPrivateKeyFile);
    return { info: { cert, key, clientCA: clientCAFile, ...tls }, clientCA: clientCAFile, generated: [] };
  }
  const hosts = servingHosts(opts);
  let ca: CertificateAuthority;
  let serving;
  let certDir: string | undefined;
  let generated: string[] = [];
  let foreignServing = false;
  if (opts.signingCA || !opts.certDir) {
    ca = opts.signingCA ? await loadCertificateAuthority(opts.signingCA) : await newCertificateAuthority('kapi-ca');
    serving = await newServingCertificate(ca, hosts);
  } else {
    certDir = opts.certDir;
    ({ ca, serving, generated, foreignServing = false } = await loadOrGenerateCertDir(certDir, hosts));
  }
  const clientCA = clientCAFile ?? ca.certPEM;
  return {
    info: { cert: serving.certPEM, key: serving.keyPEM, clientCA, ...tls },
    clientCA,
    servingCA: foreignServing ? undefined : ca.certPEM,
    signingCA: clientCAFile ? undefined : ca,
    certDir,
    generated,
  };
}
