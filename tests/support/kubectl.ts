import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testPKI } from './test-pki';

export interface KubectlOptions {
  input?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Credential flags instead of the test admin's: a TestUser's `kubectlArgs`, or `--certificate-authority … --token …`. */
  credentials?: string[];
}

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

// kubectl keys its discovery cache by host and port. Under ~/.kube/cache a port reused by a later
// test server (in this run or an earlier one) would be described by an earlier server's resources,
// so each test process keeps its own cache, one directory per server URL, and the helpers that start
// a server call forgetKubectlDiscovery for its URL. Calls against one server share its cache, as a
// user's kubectl does.
let cacheRoot: string | undefined;
const cacheDirs = new Map<string, string>();

function discoveryCacheDir(server: string): string {
  if (!cacheRoot) {
    const root = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    cacheRoot = root;
  }
  let dir = cacheDirs.get(server);
  if (!dir) cacheDirs.set(server, (dir = mkdtempSync(join(cacheRoot, 'server-'))));
  return dir;
}

/** Drops what kubectl discovered at `server`: a new server listens there. */
export function forgetKubectlDiscovery(server: string): void {
  const dir = cacheDirs.get(server);
  if (dir) rmSync(dir, { recursive: true, force: true });
  cacheDirs.delete(server);
}

/**
 * Runs the real kubectl against a server URL (no kubeconfig needed), with optional stdin and env.
 * On https without a KUBECONFIG of the caller's it trusts the test CA and presents the test
 * admin's certificate (system:masters); a kubeconfig brings its own credentials (kubectl refuses both).
 * A caller's --cache-dir replaces the per-server discovery cache.
 */
export async function kubectl(server: string, args: string[], opts: KubectlOptions = {}): Promise<KubectlResult> {
  const tlsArgs = opts.credentials ?? (server.startsWith('https:') && !opts.env?.KUBECONFIG ? (await testPKI()).kubectlArgs : []);
  const cacheArgs = args.some((a) => a.startsWith('--cache-dir')) ? [] : [`--cache-dir=${discoveryCacheDir(server)}`];
  return new Promise<KubectlResult>((resolve, reject) => {
    const proc = spawn('kubectl', ['-s', server, ...tlsArgs, ...cacheArgs, ...args], {
      env: { ...process.env, KUBECONFIG: '/dev/null', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`kubectl ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 30_000);
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    proc.stdin.end(opts.input ?? '');
  });
}

/** kubectl that must succeed: resolves to stdout, rejects with both streams otherwise. */
export async function kubectlOk(server: string, args: string[], opts: KubectlOptions = {}): Promise<string> {
  const r = await kubectl(server, args, opts);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r.stdout;
}
