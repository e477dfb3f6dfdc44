import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terminate, track } from './child-registry';
import { freePort } from './free-port';

/** Starts processes/bare-koa-server.ts in its own process, serving `bytes`. */
export async function startBareKoa(bytes: Buffer): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'kapi-bench-koa-'));
  const file = join(dir, 'object.json');
  writeFileSync(file, bytes);
  const port = await freePort();
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, 'bare-koa-server.ts'), file, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  track(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bare koa not serving after 20 s: ${output}`)), 20_000);
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      if (output.includes('serving on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`bare koa exited with ${code}: ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      await terminate(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
