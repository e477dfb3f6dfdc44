/**
 * The load generator's process: receives one Job over IPC, runs it, answers with its result and
 * exits. Forked by processes/load-worker.ts; never loaded into a server.
 */
import { runEtcdJob } from './etcd-load';
import { runHttpJob } from './http-load';
import type { Job, JobResult, WorkerMessage } from './jobs';
import { runWatchLatency } from './watch-latency';

async function run(job: Job): Promise<JobResult> {
  switch (job.kind) {
    case 'etcd-creates':
    case 'etcd-gets':
    case 'etcd-fill':
      return runEtcdJob(job);
    case 'watch-latency':
      return runWatchLatency(job);
    default:
      return runHttpJob(job);
  }
}

process.once('message', (job: Job) => {
  run(job).then(
    (result) => send({ ok: true, result }),
    (err: unknown) => send({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});

function send(msg: WorkerMessage): void {
  process.send?.(msg, () => process.exit(0));
}

// A runner that dies must not leave its load generator behind.
process.once('disconnect', () => process.exit(1));
