import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { forgetKubectlDiscovery } from './kubectl';
import { testPKI } from './test-pki';

export const repoRoot = path.resolve(__dirname, '..', '..');

export interface KapiProcess {
  url: string;
  proc: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, no cleanup by the server. */
  kill(): Promise<void>;
}

export interface StartKapiOptions {
  /** Serve with the process's test PKI (--secure-port 0 and its certificate flags); default true. */
  testPKI?: boolean;
  /** Extra environment of the server process (settings kube-apiserver has no flag for). */
  env?: Record<string, string>;
}

/**
 * Starts `kapi server` as its own process from source (tsx, kapi-source condition) on a free
 * secure port with the test PKI, and resolves once it printed its URL. Extra args go to
 * `kapi server` after the PKI flags, so a test can override them (`--secure-port N`).
 */
export async function startKapi(args: string[] = ['--storage-backend', 'memory'], timeoutMs = 60_000, opts: StartKapiOptions = {}): Promise<KapiProcess> {
  const pki = await testPKI();
  const tlsArgs = opts.testPKI === false ? [] : pki.serverArgs;
  // Files a server keeps even on memory storage (the service account signing key) go to the test
  // process's scratch directory, not the repository, unless the test names a data dir.
  const dataDirArgs = args.some((a) => a.startsWith('--data-dir')) ? [] : ['--data-dir', path.join(pki.dir, 'kapi-data')];
  const proc = spawn(
    process.execPath,
    ['--conditions=kapi-source', '--require', 'tsx/cjs', path.join(repoRoot, 'packages/cli/src/bin.ts'), 'server', ...tlsArgs, ...dataDirArgs, ...args],
    { cwd: repoRoot, env: { ...process.env, ...opts.env, NODE_OPTIONS: '', TSX_TSCONFIG_PATH: path.join(repoRoot, 'tsconfig.base.json') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    // A server that never printed its URL is killed, not left running behind the failed test.
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`kapi did not start in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /serving on (https?:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kapi exited with ${code} before serving:\n${out}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  forgetKubectlDiscovery(url);
  return {
    url,
    proc,
    output: () => out,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs a `kapi` command other than `server` (snapshot, defrag) from source, to its end. */
export function kapiCLI(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--conditions=kapi-source', '--require', 'tsx/cjs', path.join(repoRoot, 'packages/cli/src/bin.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, NODE_OPTIONS: '', TSX_TSCONFIG_PATH: path.join(repoRoot, 'tsconfig.base.json') },
    });
    let stdout = '';
    let stderr = '';
    proc.stdout!.on('data', (d) => (stdout += d));
    proc.stderr!.on('data', (d) => (stderr += d));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A temporary directory removed by the returned cleanup. */
export function tempDir(prefix = 'kapi-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
