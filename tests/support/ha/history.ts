import { execFileSync, spawnSync } from 'node:child_process';
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

/** Writes the history to `file` (JSONL) and runs the checker on it. */
export function checkHistory(file: string, records: (OpRecord | WatchRecord)[]): CheckSummary {
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const run = spawnSync(linearizabilityChecker(), ['-timeout', '120s', '-viz', file.replace(/\.jsonl$/, '.html'), file], { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`linearizability-check failed on ${file}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as CheckSummary;
}
