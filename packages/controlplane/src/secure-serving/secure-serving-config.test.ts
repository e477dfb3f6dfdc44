import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ensureAdminKubeconfig } from './admin-kubeconfig';
import { resolveSecureServing, type SecureServingOptions } from './secure-serving-config';

const base: SecureServingOptions = { bindAddress: '127.0.0.1', serviceClusterIPRange: '10.96.0.0/12', tlsCipherSuites: [] };

describe('secure serving configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kapi-pki-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a CA and a serving certificate for every name of the apiserver, and reuses them on restart', async () => {
    const certDir = path.join(dir, 'pki');
    const first = await resolveSecureServing({ ...base, certDir, advertiseAddress: '192.0.2.10' });
    expect(first.generated).to.deep.equal(['ca', 'serving']);
    const cert = new X509Certificate(first.info.cert);
    for (const name of ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local']) {
      expect(cert.checkHost(name), name).to.equal(name);
    }
    for (const ip of ['127.0.0.1', '10.96.0.1', '192.0.2.10']) expect(cert.checkIP(ip), ip).to.equal(ip);
    expect(cert.verify(new X509Certificate(first.servingCA!).publicKey)).to.equal(true);
    expect(first.clientCA).to.equal(first.servingCA);

    const second = await resolveSecureServing({ ...base, certDir, advertiseAddress: '192.0.2.10' });
    expect(second.generated).to.deep.equal([]);
    expect(second.info.cert).to.equal(first.info.cert);
  });

  it('makes the serving certificate again when it is missing, unreadable or lacks a new name, keeping the CA', async () => {
    const certDir = path.join(dir, 'pki');
    const first = await resolveSecureServing({ ...base, certDir });
    unlinkSync(path.join(certDir, 'apiserver.crt'));
    const missing = await resolveSecureServing({ ...base, certDir });
    expect(missing.generated).to.deep.equal(['serving']);
    expect(missing.servingCA).to.equal(first.servingCA);
    writeFileSync(path.join(certDir, 'apiserver.key'), 'garbage');
    expect((await resolveSecureServing({ ...base, certDir })).generated).to.deep.equal(['serving']);
    expect((await resolveSecureServing({ ...base, certDir, advertiseAddress: '198.51.100.7' })).generated).to.deep.equal(['serving']);
    writeFileSync(path.join(certDir, 'ca.key'), 'garbage');
    expect((await resolveSecureServing({ ...base, certDir })).generated).to.deep.equal(['ca', 'serving']);
  });

  it('serves a pair found in the cert dir without its CA as it is, as kube-apiserver does (envtest writes one)', async () => {
    const certDir = path.join(dir, 'foreign');
    const other = await resolveSecureServing({ ...base, certDir: path.join(dir, 'other') });
    mkdirSync(certDir);
    writeFileSync(path.join(certDir, 'apiserver.crt'), other.info.cert);
    writeFileSync(path.join(certDir, 'apiserver.key'), other.info.key);
    const served = await resolveSecureServing({ ...base, certDir });
    expect(served.info.cert).to.equal(other.info.cert);
    expect(readFileSync(path.join(certDir, 'apiserver.crt'), 'utf8')).to.equal(other.info.cert);
    expect(served.servingCA).to.equal(undefined);
  });

  it('takes --tls-cert-file and --client-ca-file as given, and names a file it cannot read', async () => {
    const generated = await resolveSecureServing({ ...base, certDir: path.join(dir, 'pki') });
    const files = { cert: path.join(dir, 'tls.crt'), key: path.join(dir, 'tls.key'), ca: path.join(dir, 'ca.crt') };
    writeFileSync(files.cert, generated.info.cert);
    writeFileSync(files.key, generated.info.key);
    writeFileSync(files.ca, generated.servingCA!);
    const given = await resolveSecureServing({ ...base, tlsCertFile: files.cert, tlsPrivateKeyFile: files.key, clientCAFile: files.ca, tlsMinVersion: 'VersionTLS13' });
    expect(given.clientCA).to.equal(generated.servingCA);
    expect(given.servingCA).to.equal(undefined);
    expect(given.signingCA).to.equal(undefined);
    expect(given.info).to.include({ cert: generated.info.cert, minVersion: 'TLSv1.3' });
    const err = await resolveSecureServing({ ...base, tlsCertFile: path.join(dir, 'nope.crt'), tlsPrivateKeyFile: files.key }).catch((e: Error) => e);
    expect((err as Error).message).to.equal(`failed to read --tls-cert-file "${path.join(dir, 'nope.crt')}": ENOENT`);
    const half = await resolveSecureServing({ ...base, tlsCertFile: files.cert }).catch((e: Error) => e);
    expect((half as Error).message).to.equal('--tls-cert-file and --tls-private-key-file must be given together');
  });

  it('writes the admin kubeconfig once, rewrites only its server URL when the port moves, and renews it for a new CA', async () => {
    const certDir = path.join(dir, 'pki');
    const file = path.join(dir, 'admin.kubeconfig');
    const pki = await resolveSecureServing({ ...base, certDir });
    expect(await ensureAdminKubeconfig(file, 'https://127.0.0.1:6443', pki.signingCA!, pki.servingCA!)).to.equal('created');
    const created = readFileSync(file, 'utf8');
    expect(created).to.include('server: https://127.0.0.1:6443\n');
    expect(await ensureAdminKubeconfig(file, 'https://127.0.0.1:6443', pki.signingCA!, pki.servingCA!)).to.equal('unchanged');
    expect(await ensureAdminKubeconfig(file, 'https://127.0.0.1:7443', pki.signingCA!, pki.servingCA!)).to.equal('updated');
    expect(readFileSync(file, 'utf8')).to.equal(created.replace(':6443', ':7443'));
    rmSync(certDir, { recursive: true });
    const renewed = await resolveSecureServing({ ...base, certDir });
    expect(await ensureAdminKubeconfig(file, 'https://127.0.0.1:7443', renewed.signingCA!, renewed.servingCA!)).to.equal('created');
  });
});
