import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, setGlobalDispatcher } from 'undici';
import { newCertificateAuthority, newClientCertificate, newServingCertificate, type CertKeyPair } from '@kapi/apiserver-core';

/** The admin of the test servers: in system:masters, as kubeadm's admin.conf. */
export const testAdminUser = 'kubernetes-admin';

/** One PKI per mocha process: every kapi a test starts serves with it, every client trusts it and presents the admin certificate. */
export interface TestPKI {
  dir: string;
  ca: CertKeyPair;
  admin: CertKeyPair;
  caFile: string;
  servingCertFile: string;
  servingKeyFile: string;
  adminCertFile: string;
  adminKeyFile: string;
  /** `kapi server` flags: HTTPS on a free port with this PKI. */
  serverArgs: string[];
  /** kubectl flags: trust the CA, authenticate as the admin. */
  kubectlArgs: string[];
}

let pki: Promise<TestPKI> | undefined;

async function createTestPKI(): Promise<TestPKI> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kapi-test-pki-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const ca = await newCertificateAuthority('kapi-test-ca');
  const serving = await newServingCertificate(ca, ['localhost', '127.0.0.1', '::1']);
  const admin = await newClientCertificate(ca, testAdminUser, ['system:masters']);
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text, { mode: 0o600 });
    return p;
  };
  const caFile = file('ca.crt', ca.certPEM);
  const servingCertFile = file('apiserver.crt', serving.certPEM);
  const servingKeyFile = file('apiserver.key', serving.keyPEM);
  const adminCertFile = file('admin.crt', admin.certPEM);
  const adminKeyFile = file('admin.key', admin.keyPEM);
  // Node's fetch (undici) honours the global dispatcher: the tests' many raw fetch(url) calls
  // trust the test CA and present the admin certificate, as kubectl does with the flags below.
  setGlobalDispatcher(new Agent({ connect: { ca: ca.certPEM, cert: admin.certPEM, key: admin.keyPEM } }));
  return {
    dir, ca, admin, caFile, servingCertFile, servingKeyFile, adminCertFile, adminKeyFile,
    serverArgs: ['--secure-port', '0', '--tls-cert-file', servingCertFile, '--tls-private-key-file', servingKeyFile, '--client-ca-file', caFile],
    kubectlArgs: [`--certificate-authority=${caFile}`, `--client-certificate=${adminCertFile}`, `--client-key=${adminKeyFile}`],
  };
}

/** The process's test PKI, made on first use (and the global fetch dispatcher installed with it). */
export function testPKI(): Promise<TestPKI> {
  pki ??= createTestPKI();
  return pki;
}
