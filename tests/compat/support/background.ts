import { spawn, type ChildProcess } from 'node:child_process';
import type { CompatServer } from './compat-server';
import type { J } from '@kapi/apiserver-core';

/** A kubectl that keeps running (get -w, delete --wait, wait --for) while the test changes the server. */
export interface BackgroundKubectl {
  readonly proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout+stderr match `re`; rejects after `timeoutMs` with what was printed. */
  waitForOutput(re: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves to the exit code once kubectl exits; rejects after `timeoutMs`. */
  exited(timeoutMs?: number): Promise<number | null>;
  /** SIGTERM (then it is gone); resolves when it exited. */
  stop(): Promise<void>;
}

export function startKubectl(server: CompatServer, args: string[], env: Record<string, string> = {}): BackgroundKubectl {
  const proc = spawn('kubectl', ['-s', server.url, `--cache-dir=${server.cacheDir}`, ...args], {
    env: { ...process.env, KUBECONFIG: server.kubeconfig, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => proc.once('close', (code) => resolve(code)));
  const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`kubectl ${args.join(' ')}: ${what} not within ${ms} ms\nstdout: ${out}\nstderr: ${err}`)), ms);
      p.then(
        (v) => (clearTimeout(t), resolve(v)),
        (e) => (clearTimeout(t), reject(e)),
      );
    });
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    waitForOutput(re, timeoutMs = 15_000) {
      return within(
        new Promise<void>((resolve) => {
          const check = () => {
            if (re.test(out + err)) {
              proc.stdout!.off('data', check);
              proc.stderr!.off('data', check);
              resolve();
            }
          };
          proc.stdout!.on('data', check);
          proc.stderr!.on('data', check);
          check();
        }),
        timeoutMs,
        `output ${re}`,
      );
    },
    exited: (timeoutMs = 20_000) => within(exit, timeoutMs, 'exit'),
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exit;
    },
  };
}

/** Plain REST calls for test set-up, so a scenario depends on no kubectl feature but the one it tests. */
export async function rest(server: CompatServer, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: J }> {
  const res = await fetch(server.url + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': contentType },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as J };
}

/** rest() that must answer 2xx. */
export async function restOk(server: CompatServer, method: string, path: string, body?: unknown, contentType?: string): Promise<J> {
  const r = await rest(server, method, path, body, contentType);
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path} → ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Creates a namespace through REST (idempotent for re-runs on a kept server). */
export async function ensureNamespace(server: CompatServer, name: string): Promise<void> {
  const r = await rest(server, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  if (r.status !== 201 && r.status !== 409) throw new Error(`create namespace ${name} → ${r.status}: ${JSON.stringify(r.body)}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
