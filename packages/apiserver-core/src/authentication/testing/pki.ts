import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and its key, PEM. */
export interface KeyPair {
  cert: string;
  key: string;
}

export interface CertRequest {
  cn: string;
  /** "clientAuth", "serverAuth" or both. */
  usages: string[];
  /** DNS names and IPs for a serving certificate. */
  dns?: string[];
  ips?: string[];
  days?: number;
}

/**
 * A throw-away PKI for tests, made with the openssl command: real certificates, so that tests run
 * real TLS handshakes rather than stubbing the socket.
 */
export class TestPKI {
  private readonly dir = mkdtempSync(join(tmpdir(), 'kapi-pki-'));
  private serial = 1;

  /** A self-signed CA. */
  newCA(cn: string): KeyPair {
    const key = join(this.dir, `${cn}.key`);
    const cert = join(this.dir, `${cn}.crt`);
    this.openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
    return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
  }

  /** An intermediate CA signed by `ca`. */
  issueCA(ca: KeyPair, cn: string): KeyPair {
    return this.sign(ca, cn, ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'], 1);
  }

  /** A leaf certificate signed by `ca`. */
  issue(ca: KeyPair, req: CertRequest): KeyPair {
    const san = [...(req.dns ?? []).map((d) => `DNS:${d}`), ...(req.ips ?? []).map((i) => `IP:${i}`)];
    return this.sign(
      ca,
      req.cn,
      [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        `extendedKeyUsage=${req.usages.join(',')}`,
        ...(san.length ? [`subjectAltName=${san.join(',')}`] : []),
      ],
      req.days ?? 1,
    );
  }

  private sign(ca: KeyPair, cn: string, extensions: string[], days: number): KeyPair {
    const base = join(this.dir, `leaf-${this.serial++}`);
    writeFileSync(`${base}.ca.crt`, ca.cert);
    writeFileSync(`${base}.ca.key`, ca.key);
    writeFileSync(`${base}.ext`, extensions.join('\n'));
    this.openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${cn}`);
    this.openssl(
      'x509',
      '-req',
      '-in',
      `${base}.csr`,
      '-CA',
      `${base}.ca.crt`,
      '-CAkey',
      `${base}.ca.key`,
      '-set_serial',
      String(this.serial),
      '-out',
      `${base}.crt`,
      '-extfile',
      `${base}.ext`,
      '-days',
      String(days),
    );
    return { cert: readFileSync(`${base}.crt`, 'utf8'), key: readFileSync(`${base}.key`, 'utf8') };
  }

  /** Writes a file into the PKI's directory and returns its path. */
  file(name: string, content: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private openssl(...args: string[]): void {
    execFileSync('openssl', args, { stdio: 'pipe' });
  }
}
