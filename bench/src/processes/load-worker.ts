/**
 * Runs a Job in a fresh load-generator process (load/worker.ts) and returns its result. The child
 * inherits this process's exec arguments (tsx), and is killed if it outlives the job's deadline.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { Job, JobResult, WorkerMessage } from '../load/jobs';

const workerPath = join(__dirname, '..', 'load', 'worker.ts');

export function runJob<R extends JobResult>(job: Job, timeoutMs: number): Promise<R> {
  return new Promise((resolve, reject) => {
    const child = fork(workerPath, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new Error(`load job ${job.kind} did not finish within ${timeoutMs} ms`)));
    }, timeoutMs);
    child.once('message', (msg: WorkerMessage) => finish(() => (msg.ok ? resolve(msg.result as R) : reject(new Error(`load job ${job.kind}: ${msg.error}`)))));
    child.once('exit', (code, signal) => finish(() => reject(new Error(`load worker exited (${signal ?? code}) before answering`))));
    child.once('error', (err) => finish(() => reject(err)));
    child.send(job);
  });
}
