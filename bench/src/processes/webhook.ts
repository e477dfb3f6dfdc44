import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terminate, track } from './child-registry';
import { freePort } from './free-port';

export interface WebhookServer {
  url: string;
  pid: number;
  /** The CA that signed its serving certificate (PEM), for the configuration's caBundle. */
  caPEM: string;
  stop: () => Promise<void>;
}

/** Starts processes/webhook-server.ts in its own process, with a serving certificate for 127.0.0.1 from a CA of its own. */
export async function startWebhook(): Promise<WebhookServer> {
  const core = require('@kapi/apiserver-core') as typeof import('@kapi/apiserver-core');
  const ca = await core.newCertificateAuthority('kapi-bench-webhook-ca');
  const serving = await core.newServingCertificate(ca, ['localhost', '127.0.0.1']);
  const dir = mkdtempSync(join(tmpdir(), 'kapi-bench-webhook-'));
  writeFileSync(join(dir, 'tls.crt'), serving.certPEM);
  writeFileSync(join(dir, 'tls.key'), serving.keyPEM, { mode: 0o600 });
  const port = await freePort();
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, 'webhook-server.ts'), join(dir, 'tls.crt'), join(dir, 'tls.key'), String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  track(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`webhook not serving after 20 s: ${output}`)), 20_000);
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      if (output.includes('serving on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`webhook exited with ${code}: ${output}`)));
  });
  return {
    url: `https://127.0.0.1:${port}/validate`,
    pid: child.pid!,
    caPEM: ca.certPEM,
    async stop() {
      await terminate(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
