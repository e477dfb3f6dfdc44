import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { newClientCertificate, SystemPrivilegedGroup, type CertificateAuthority } from '@kapi/apiserver-core';
import { kubeconfigData, kubeconfigFor } from '../composition/kubeconfig';

/** The admin identity k3s writes into its kubeconfig: system:admin in system:masters. */
export const adminUser = 'system:admin';

/** An admin kubeconfig with inline certificate data, for `url`, signed by `ca`. */
export async function adminKubeconfig(url: string, ca: CertificateAuthority, servingCA: string): Promise<{ kubeconfig: string; cert: string; key: string }> {
  const client = await newClientCertificate(ca, adminUser, [SystemPrivilegedGroup]);
  return { kubeconfig: kubeconfigFor(url, 'kapi', 'default', { ca: servingCA, cert: client.certPEM, key: client.keyPEM }), cert: client.certPEM, key: client.keyPEM };
}

/** The file still works with this CA: it trusts the serving CA and its client certificate is the CA's. */
function stillTrusted(text: string, ca: CertificateAuthority, servingCA: string): boolean {
  const caData = /certificate-authority-data: (\S+)/.exec(text)?.[1];
  const certData = /client-certificate-data: (\S+)/.exec(text)?.[1];
  if (caData !== kubeconfigData(servingCA) || !certData) return false;
  try {
    const cert = new X509Certificate(Buffer.from(certData, 'base64'));
    return cert.verify(new X509Certificate(ca.certPEM).publicKey) && new Date(cert.validTo).getTime() > Date.now();
  } catch {
    return false;
  }
}

/**
 * Writes <data-dir>/admin.kubeconfig the way k3s writes k3s.yaml: on first start, again when the
 * CA changed, and with only the server URL rewritten when the port moved. Returns what it did.
 */
export async function ensureAdminKubeconfig(file: string, url: string, ca: CertificateAuthority, servingCA: string): Promise<'created' | 'updated' | 'unchanged'> {
  let existing: string | undefined;
  try {
    existing = readFileSync(file, 'utf8');
  } catch {
    existing = undefined;
  }
  if (existing && stillTrusted(existing, ca, servingCA)) {
    const updated = existing.replace(/^(\s+server: ).*$/m, `$1${url}`);
    if (updated === existing) return 'unchanged';
    writeFileSync(file, updated, { mode: 0o600 });
    return 'updated';
  }
  writeFileSync(file, (await adminKubeconfig(url, ca, servingCA)).kubeconfig, { mode: 0o600 });
  return 'created';
}
