import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { loadCertificateAuthority, newCertificateAuthority, newServingCertificate, type CertificateAuthority, type CertKeyPair } from '@kapi/apiserver-core';

/** kubeadm's names under the cert dir: the cluster CA and the apiserver's serving pair. */
export const certDirFiles = { caCert: 'ca.crt', caKey: 'ca.key', servingCert: 'apiserver.crt', servingKey: 'apiserver.key' };

export interface CertDirPKI {
  ca: CertificateAuthority;
  serving: CertKeyPair;
  /** What was (re)generated on this start, for the log. */
  generated: ('ca' | 'serving')[];
  /** The serving pair was found without kapi's CA beside it (someone else's, used as given): `ca` did not sign it. */
  foreignServing?: boolean;
}

function readPair(dir: string, cert: string, key: string): CertKeyPair | undefined {
  try {
    return { certPEM: readFileSync(path.join(dir, cert), 'utf8'), keyPEM: readFileSync(path.join(dir, key), 'utf8') };
  } catch {
    return undefined;
  }
}

function writePair(dir: string, cert: string, key: string, pair: CertKeyPair): void {
  writeFileSync(path.join(dir, cert), pair.certPEM, { mode: 0o644 });
  writeFileSync(path.join(dir, key), pair.keyPEM, { mode: 0o600 });
}

async function loadCA(dir: string): Promise<CertificateAuthority | undefined> {
  const pair = readPair(dir, certDirFiles.caCert, certDirFiles.caKey);
  if (!pair) return undefined;
  try {
    return await loadCertificateAuthority(pair);
  } catch {
    return undefined;
  }
}

/** A serving certificate is kept while it parses, is signed by the CA, is still valid for a day and names every host. */
function servingStillGood(pair: CertKeyPair, ca: CertificateAuthority, hosts: string[]): boolean {
  try {
    const cert = new X509Certificate(pair.certPEM);
    const issuer = new X509Certificate(ca.certPEM);
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey) || !cert.checkPrivateKey(createPrivateKey(pair.keyPEM))) return false;
    if (new Date(cert.validTo).getTime() < Date.now() + 24 * 60 * 60 * 1000) return false;
    return hosts.every((h) => (isIP(h) ? cert.checkIP(h) : cert.checkHost(h)) !== undefined);
  } catch {
    return false;
  }
}

/** The certificate parses and belongs to the key. */
function pairMatches(pair: CertKeyPair): boolean {
  try {
    return new X509Certificate(pair.certPEM).checkPrivateKey(createPrivateKey(pair.keyPEM));
  } catch {
    return false;
  }
}

/**
 * The self-signed PKI of a server started without --tls-cert-file (kube's --cert-dir, k3s's
 * server/tls): a CA and a serving certificate kept across restarts, made again only when missing,
 * unreadable, or — for the serving certificate — no longer matching the CA or the served names.
 */
export async function loadOrGenerateCertDir(dir: string, hosts: string[]): Promise<CertDirPKI> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const generated: CertDirPKI['generated'] = [];
  let ca = await loadCA(dir);
  let serving = readPair(dir, certDirFiles.servingCert, certDirFiles.servingKey);
  // A pair without kapi's CA beside it was put there by whoever made the directory (envtest writes
  // apiserver.crt/.key into --cert-dir before it starts kube-apiserver): kube-apiserver serves such
  // a pair as it is and only generates one when none is there, so it is not replaced here either.
  if (!ca && !existsSync(path.join(dir, certDirFiles.caCert)) && serving && pairMatches(serving)) {
    ca = await newCertificateAuthority(`kapi-ca@${Math.floor(Date.now() / 1000)}`);
    return { ca, serving, generated: ['ca'], foreignServing: true };
  }
  if (!ca) {
    ca = await newCertificateAuthority(`kapi-ca@${Math.floor(Date.now() / 1000)}`);
    writePair(dir, certDirFiles.caCert, certDirFiles.caKey, ca);
    generated.push('ca');
  }
  if (!serving || !servingStillGood(serving, ca, hosts)) {
    serving = await newServingCertificate(ca, hosts);
    writePair(dir, certDirFiles.servingCert, certDirFiles.servingKey, serving);
    generated.push('serving');
  }
  return { ca, serving, generated };
}
