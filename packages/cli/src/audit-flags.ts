import type { AuditOptions } from '@kapi/apiserver-core';
import { parseDuration } from './duration';

/** kube-apiserver's --audit-* flags (log and webhook backends; the dynamic and truncate ones are not offered). */
export const auditFlagSpec = {
  'audit-policy-file': { type: 'string', description: 'Path to the file that defines the audit policy configuration (audit.k8s.io/v1 Policy, YAML or JSON).' },
  'audit-log-path': { type: 'string', description: "If set, all requests coming to the apiserver will be logged to this file. '-' means standard out." },
  'audit-log-format': { type: 'string', description: 'Format of saved audits. "legacy" is one line of text per event, "json" one JSON Event per line. (default "json")' },
  'audit-log-maxage': { type: 'string', description: 'The maximum number of days to retain old audit log files based on the timestamp encoded in their filename.' },
  'audit-log-maxbackup': { type: 'string', description: 'The maximum number of old audit log files to retain. 0 means no limit.' },
  'audit-log-maxsize': { type: 'string', description: 'The maximum size in megabytes of the audit log file before it gets rotated.' },
  'audit-log-version': { type: 'string', description: 'API group and version used for serializing audit events written to log. (default "audit.k8s.io/v1")' },
  'audit-webhook-version': { type: 'string', description: 'API group and version used for serializing audit events written to webhook. (default "audit.k8s.io/v1")' },
  'audit-log-compress': { type: 'string', description: 'If set, the rotated log files will be compressed using gzip.' },
  'audit-webhook-config-file': { type: 'string', description: 'Path to a kubeconfig formatted file that defines the audit webhook configuration.' },
  'audit-webhook-mode': {
    type: 'string',
    description: 'Strategy for sending audit events: "batch" buffers events and sends them asynchronously, "blocking" sends each event while the request waits. (default "batch")',
  },
  'audit-webhook-initial-backoff': { type: 'string', description: 'The amount of time to wait before retrying the first failed request. (default 10s)' },
  'audit-webhook-batch-buffer-size': { type: 'string', description: 'The size of the buffer to store events before batching and writing. (default 10000)' },
  'audit-webhook-batch-max-size': { type: 'string', description: 'The maximum size of a batch. (default 400)' },
  'audit-webhook-batch-max-wait': { type: 'string', description: "The amount of time to wait before force writing the batch that hadn't reached the max size. (default 30s)" },
  'audit-webhook-batch-throttle-enable': { type: 'string', description: 'Whether batching throttling is enabled. (default true)' },
  'audit-webhook-batch-throttle-qps': { type: 'string', description: 'Maximum average number of batches per second. (default 10)' },
  'audit-webhook-batch-throttle-burst': { type: 'string', description: 'Maximum number of requests sent at the same moment if ThrottleQPS was not utilized before. (default 15)' },
} as const;

function integer(name: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new Error(`invalid argument "${value}" for "--${name}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
  return Number(value);
}

function float(name: string, value: string): number {
  if (!/^-?\d+(\.\d+)?$/.test(value)) throw new Error(`invalid argument "${value}" for "--${name}" flag: strconv.ParseFloat: parsing "${value}": invalid syntax`);
  return Number(value);
}

function bool(name: string, value: string): boolean {
  if (value === 'true' || value === '') return true;
  if (value === 'false') return false;
  throw new Error(`invalid argument "${value}" for "--${name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
}

/** Applies the --audit-* flags that were given onto the defaults. */
export function parseAuditFlags(str: (name: string) => string | undefined, audit: AuditOptions): void {
  const set = <T>(name: keyof typeof auditFlagSpec, parse: (name: string, v: string) => T, apply: (v: T) => void) => {
    const v = str(name);
    if (v !== undefined) apply(parse(name, v));
  };
  const text = (_n: string, v: string) => v;
  set('audit-policy-file', text, (v) => (audit.policyFile = v));
  set('audit-log-path', text, (v) => (audit.log.path = v));
  set('audit-log-format', text, (v) => (audit.log.format = v as AuditOptions['log']['format']));
  set('audit-log-maxage', integer, (v) => (audit.log.maxAgeDays = v));
  set('audit-log-maxbackup', integer, (v) => (audit.log.maxBackups = v));
  set('audit-log-maxsize', integer, (v) => (audit.log.maxSizeMB = v));
  set('audit-log-compress', bool, (v) => (audit.log.compress = v));
  set('audit-webhook-config-file', text, (v) => (audit.webhook.configFile = v));
  set('audit-webhook-mode', text, (v) => (audit.webhook.mode = v as AuditOptions['webhook']['mode']));
  set(
    'audit-webhook-initial-backoff',
    (_n, v) => parseDuration(v),
    (v) => (audit.webhook.initialBackoffMs = v),
  );
  set('audit-webhook-batch-buffer-size', integer, (v) => (audit.webhook.batch.bufferSize = v));
  set('audit-webhook-batch-max-size', integer, (v) => (audit.webhook.batch.maxBatchSize = v));
  set(
    'audit-webhook-batch-max-wait',
    (_n, v) => parseDuration(v),
    (v) => (audit.webhook.batch.maxBatchWaitMs = v),
  );
  set('audit-webhook-batch-throttle-enable', bool, (v) => (audit.webhook.batch.throttleEnable = v));
  set('audit-webhook-batch-throttle-qps', float, (v) => (audit.webhook.batch.throttleQPS = v));
  set('audit-webhook-batch-throttle-burst', integer, (v) => (audit.webhook.batch.throttleBurst = v));
  // kube-apiserver 1.32 serializes audit.k8s.io/v1 only; the flags exist so that its command lines work.
  for (const name of ['audit-log-version', 'audit-webhook-version'] as const) {
    set(name, text, (v) => {
      if (v !== 'audit.k8s.io/v1') throw new Error(`invalid group version, allowed versions are "audit.k8s.io/v1"`);
    });
  }
}
