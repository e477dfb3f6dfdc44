import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../kapi-process';

/** One line of the history tools/linearizability-check reads (see its history.go). */
export interface OpRecord {
  kind: 'op';
  client: number;
  op: 'create' | 'update' | 'delete' | 'get' | 'list';
  key?: string;
  value?: string;
  precondition?: string;
  call: number;
  return: number;
  outcome: 'ok' | 'rejected' | 'unknown';
  code: number;
  rv?: string;
  items?: { key: string; value: string; rv: string }[];
  /** Why an attempt's answer is unknown (for the report; the checker ignores it). */
  error?: string;
}

export interface WatchEventRecord {
  type: string;
  key: string;
  value: string;
  rv: string;
  instance: string;
}

export interface WatchRecord {
  kind: 'watch';
  id: string;
  startRV: string;
  events: WatchEventRecord[];
}

export interface CheckSummary {
  ok: boolean;
  result: string;
  ops: number;
  writes: number;
  reads: number;
  lists: number;
  unknown: number;
  keys: number;
  watches: number;
  watchEvents: number;
  problems?: string[];
}

/** Monotonic nanoseconds of the test process: the history's clock. */
export const now = (): number => Number(process.hrtime.bigint());

let checker: string | undefined;

/** The checker binary, built once (scripts/ensure-linearizability-check.sh). */
export function linearizabilityChecker(): string {
  checker ??= execFileSync('bash', [path.join(repoRoot, 'scripts/ensure-linearizability-check.sh')], { encoding: 'utf8', timeout: 600_000 }).trim();
  return checker;
}

/**
 * Writes the history to `file` (JSONL) and runs the checker on it — without blocking the event loop:
 * the etcd members' peer traffic goes through proxies in this process.
 */
export function checkHistory(file: string, records: (OpRecord | WatchRecord)[]): Promise<CheckSummary> {
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return new Promise((resolve, reject) => {
    execFile(linearizabilityChecker(), ['-timeout', '120s', '-viz', file.replace(/\.jsonl$/, '.html'), file], { encoding: 'utf8', timeout: 300_000 }, (err, stdout, stderr) => {
      const code = err ? (err as { code?: number }).code : 0;
      if (code !== 0 && code !== 1) return reject(new Error(`linearizability-check failed on ${file}: ${err?.message} ${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as CheckSummary);
    });
  });
}
