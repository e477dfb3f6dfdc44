/**
 * The certificates of the secure-port figures, made with apiserver-core's own signing helpers: a
 * CA, a serving certificate for 127.0.0.1, and the client certificate of a reader who is not in
 * system:masters, so that every request of theirs goes through the authorizers configured.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientTLS } from '../load/jobs';

/** The reader of the secure figures: an ordinary user (CN) in an ordinary group (O). */
export const benchReader = { user: 'bench-reader', group: 'bench-readers' } as const;

export interface BenchPKI {
  /** `kapi server` flags: serve HTTPS with this PKI and trust its CA for client certificates. */
  serverArgs: string[];
  /** What the load workers present: the CA to trust and the reader's certificate and key (PEM). */
  reader: ClientTLS;
  /** A client certificate in system:masters: the bench's own requests to kube-apiserver (it has no insecure port). */
  admin: ClientTLS;
  /** Writes a file into the PKI's directory (removed at exit) and returns its path. */
  file: (name: string, text: string) => string;
}

export async function createBenchPKI(): Promise<BenchPKI> {
  // Loaded after the build, like storage-etcd: the bench uses the built package, as any consumer would.
  const core = require('@kapi/apiserver-core') as typeof import('@kapi/apiserver-core');
  const ca = await core.newCertificateAuthority('kapi-bench-ca');
  const serving = await core.newServingCertificate(ca, ['localhost', '127.0.0.1']);
  const reader = await core.newClientCertificate(ca, benchReader.user, [benchReader.group]);
  const admin = await core.newClientCertificate(ca, 'bench-admin', ['system:masters']);
  const dir = mkdtempSync(join(tmpdir(), 'kapi-bench-pki-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  };
  return {
    serverArgs: [
      '--tls-cert-file',
      file('apiserver.crt', serving.certPEM),
      '--tls-private-key-file',
      file('apiserver.key', serving.keyPEM),
      '--client-ca-file',
      file('ca.crt', ca.certPEM),
    ],
    reader: { ca: ca.certPEM, cert: reader.certPEM, key: reader.keyPEM },
    admin: { ca: ca.certPEM, cert: admin.certPEM, key: admin.keyPEM },
    file,
  };
}
