import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, setGlobalDispatcher } from 'undici';
import { newCertificateAuthority, newClientCertificate, newServingCertificate, type CertificateAuthority, type CertKeyPair } from '@kapi/apiserver-core';
import { kubeconfigFor } from '@kapi/controlplane';

/** The admin of the test servers: in system:masters, as kubeadm's admin.conf. */
export const testAdminUser = 'kubernetes-admin';

/** One PKI per mocha process: every kapi a test starts serves with it, every client trusts it and presents the admin certificate. */
export interface TestPKI {
  dir: string;
  ca: CertificateAuthority;
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
    dir,
    ca,
    admin,
    caFile,
    servingCertFile,
    servingKeyFile,
    adminCertFile,
    adminKeyFile,
    serverArgs: ['--secure-port', '0', '--tls-cert-file', servingCertFile, '--tls-private-key-file', servingKeyFile, '--client-ca-file', caFile],
    kubectlArgs: [`--certificate-authority=${caFile}`, `--client-certificate=${adminCertFile}`, `--client-key=${adminKeyFile}`],
  };
}

/** The process's test PKI, made on first use (and the global fetch dispatcher installed with it). */
export function testPKI(): Promise<TestPKI> {
  pki ??= createTestPKI();
  return pki;
}

/** Another identity of the test CA, for tests of who may do what (RBAC, impersonation, audit). */
export interface TestUser {
  certFile: string;
  keyFile: string;
  /** kubectl flags: trust the CA, authenticate as this user. */
  kubectlArgs: string[];
  /** For fetch(url, { dispatcher }) from the undici package. */
  dispatcher: Agent;
  /** A kubeconfig (YAML) for `url` with this user's certificate inline. */
  kubeconfig(url: string): string;
}

/** A client certificate of the test CA for `user` in `groups` (system:authenticated is added by the server). */
export async function testUser(user: string, groups: string[] = []): Promise<TestUser> {
  const pki = await testPKI();
  const pair = await newClientCertificate(pki.ca, user, groups);
  const base = path.join(pki.dir, `user-${user.replace(/[^A-Za-z0-9_.-]/g, '_')}-${Date.now()}`);
  writeFileSync(`${base}.crt`, pair.certPEM, { mode: 0o600 });
  writeFileSync(`${base}.key`, pair.keyPEM, { mode: 0o600 });
  return {
    certFile: `${base}.crt`,
    keyFile: `${base}.key`,
    kubectlArgs: [`--certificate-authority=${pki.caFile}`, `--client-certificate=${base}.crt`, `--client-key=${base}.key`],
    dispatcher: new Agent({ connect: { ca: pki.ca.certPEM, cert: pair.certPEM, key: pair.keyPEM } }),
    kubeconfig: (url) => kubeconfigFor(url, 'kapi', 'default', { ca: pki.ca.certPEM, cert: pair.certPEM, key: pair.keyPEM }),
  };
}
