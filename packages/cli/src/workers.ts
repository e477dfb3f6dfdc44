import cluster, { type Worker } from 'node:cluster';
import type { ServerRunOptions } from '@kapi/controlplane';
import { startPrimaryStorage } from './worker-storage';

/**
 * `kapi server --workers N`: N serving processes behind the same ports, so one machine's cores all
 * serve (Node runs JavaScript on one). On etcd every worker is a whole apiserver — its own storage
 * client, watch cache, admission, controllers — exactly as N kube-apiserver replicas behind a load
 * balancer (the HA design on one machine); etcd is what they share. The kernel hands each new
 * connection to one worker (cluster.SCHED_NONE: every worker accepts on the shared listening socket
 * itself), so no request, read or watch passes through another process. The primary starts, watches
 * and stops the workers; on the embedded backend it also owns the store and serves it to the workers
 * over a Unix socket (worker-storage.ts), each of which reads and watches through its own watch
 * cache as on etcd. docs/workers.md explains the design.
 */
/** --workers: a whole number ≥ 1; more than one on etcd3 or embedded. Errors become usage errors in flags.ts. */
export function parseWorkers(value: string | undefined, backend: ServerRunOptions['storageBackend']): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid argument "${value}" for "--workers" flag: must be a whole number ≥ 1`);
  if (n > 1 && backend !== 'etcd3' && backend !== 'embedded') {
    throw new Error(
      `--workers ${n} needs --storage-backend etcd3 or embedded: every worker is a full apiserver on shared storage, and the ${backend} backend is one process's memory (see docs/workers.md)`,
    );
  }
  return n;
}

/** The worker's number in its environment (1-based), so its output says which worker it is. */
export const workerIdEnv = 'KAPI_WORKER_ID';

/** A worker's stdout: the lines `kapi server` prints, tagged with the worker, so the primary's "serving on" stays the one to wait for. */
export function workerOutput(id: string): NodeJS.WritableStream {
  return {
    write: (chunk: string) => process.stdout.write(String(chunk).replace(/^kapi: /gm, `kapi[worker ${id}]: `)),
  } as unknown as NodeJS.WritableStream;
}

/**
 * The primary: starts worker 1 and waits until it serves (it writes the generated certificates and
 * service-account key into --data-dir / --cert-dir, which the others then read instead of racing to
 * generate their own), then the others. Any worker that dies takes the whole server down (exit 1),
 * as a crashed kube-apiserver would; SIGTERM/SIGINT are passed to every worker, each shuts down
 * gracefully, and the primary exits once they all have (on embedded: after closing the store they used).
 */
export async function runPrimary(workers: number, opts: ServerRunOptions, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  const t0 = performance.now();
  const primaryStorage = await startPrimaryStorage(opts, out);
  const exit = () =>
    primaryStorage.close().then(
      () => process.exit(process.exitCode ?? 0),
      (err: Error) => {
        out.write(`kapi: closing the store failed: ${err.message}\n`);
        process.exit(1);
      },
    );
  let stopping = false;
  const live = new Set<Worker>();
  const start = (id: number) =>
    new Promise<string>((resolve, reject) => {
      const worker = cluster.fork({ ...primaryStorage.env, [workerIdEnv]: String(id) });
      live.add(worker);
      worker.on('message', (msg: { serving?: string }) => msg.serving && resolve(msg.serving));
      worker.once('exit', (code, signal) => {
        live.delete(worker);
        reject(new Error(`worker ${id} exited (${signal ?? code}) before serving`));
        if (!stopping) {
          out.write(`kapi: worker ${id} exited (${signal ?? code}); stopping the others\n`);
          stopping = true;
          for (const w of live) w.process.kill('SIGTERM');
          process.exitCode = 1;
        }
        if (live.size === 0) void exit();
      });
    });
  const stop = (signal: NodeJS.Signals) => {
    out.write(`kapi: received ${signal}, stopping ${live.size} workers\n`);
    stopping = true;
    for (const w of live) w.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const url = await start(1);
  await Promise.all(Array.from({ length: workers - 1 }, (_, i) => start(i + 2)));
  out.write(
    `kapi: serving on ${url} (${workers} workers, pids ${[...live].map((w) => w.process.pid).join(' ')}, ready in ${Math.round(performance.now() - t0)} ms${primaryStorage.description})\n`,
  );
}

/** In a worker: tells the primary it serves (and where). */
export function reportServing(url: string): void {
  process.send?.({ serving: url });
}

export const isWorker = () => cluster.isWorker;
