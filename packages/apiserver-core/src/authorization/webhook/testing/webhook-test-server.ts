import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';

/** What the test webhook saw of one call. */
export interface WebhookCall {
  body: { kind?: string; apiVersion?: string; metadata?: Record<string, unknown>; spec: Record<string, unknown>; status?: Record<string, unknown> };
  headers: Record<string, string | string[] | undefined>;
  /** CN of the client certificate the caller presented ('' without one). */
  clientCN: string;
}

export interface WebhookTestServer {
  url: string;
  calls: WebhookCall[];
  /** A kubeconfig file (CA and client certificate files beside it) for the webhook client. */
  kubeconfigPath: string;
  dir: string;
  /** Replaces how the server answers: a status code and a JSON body, or 'hang' to never answer. */
  respond: (handler: (call: WebhookCall) => { code?: number; body?: unknown } | 'hang') => void;
  /** Forgets the calls and allows everything again. */
  reset(): void;
  close(): Promise<void>;
}

/** P-256 keys: as good as RSA for a test and made in a fraction of the time. */
const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];

function openssl(dir: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** A throw-away CA, a server certificate for 127.0.0.1 and a client certificate, made with the openssl CLI. */
function makePKI(dir: string, clientCN: string): void {
  openssl(dir, 'req', '-x509', ...ecKey, '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=webhook-ca');
  writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(dir, 'req', ...ecKey, '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  openssl(dir, 'x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'san.ext');
  openssl(dir, 'req', ...ecKey, '-nodes', '-keyout', 'client.key', '-out', 'client.csr', '-subj', `/CN=${clientCN}`);
  openssl(dir, 'x509', '-req', '-in', 'client.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.crt', '-days', '1');
}

/**
 * A real HTTPS authorization webhook for tests: TLS with its own CA, client certificates required
 * and verified, every SubjectAccessReview recorded; by default it allows everything.
 */
export async function startWebhookTestServer(opts: { clientCN?: string; token?: string } = {}): Promise<WebhookTestServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kapi-webhook-'));
  makePKI(dir, opts.clientCN ?? 'kube-apiserver');
  const calls: WebhookCall[] = [];
  const allowAll = (call: WebhookCall) => ({ body: { ...call.body, status: { allowed: true } } });
  let handler: (call: WebhookCall) => { code?: number; body?: unknown } | 'hang' = allowAll;
  const server = https.createServer(
    {
      key: readFileSync(path.join(dir, 'server.key')),
      cert: readFileSync(path.join(dir, 'server.crt')),
      ca: readFileSync(path.join(dir, 'ca.crt')),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const call: WebhookCall = {
          body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
          headers: req.headers,
          clientCN: String((req.socket as TLSSocket).getPeerCertificate()?.subject?.CN ?? ''),
        };
        calls.push(call);
        const answer = handler(call);
        if (answer === 'hang') return;
        res.writeHead(answer.code ?? 200, { 'Content-Type': 'application/json' });
        res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/authorize`;
  const kubeconfigPath = path.join(dir, 'webhook.kubeconfig');
  writeFileSync(
    kubeconfigPath,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: authz',
      '  cluster:',
      `    server: ${url}`,
      '    certificate-authority: ca.crt',
      'users:',
      '- name: apiserver',
      '  user:',
      '    client-certificate: client.crt',
      '    client-key: client.key',
      ...(opts.token ? [`    token: ${opts.token}`] : []),
      'contexts:',
      '- name: webhook',
      '  context: {cluster: authz, user: apiserver}',
      'current-context: webhook',
      '',
    ].join('\n'),
  );
  return {
    url,
    calls,
    kubeconfigPath,
    dir,
    respond: (h) => (handler = h),
    reset: () => {
      calls.length = 0;
      handler = allowAll;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
