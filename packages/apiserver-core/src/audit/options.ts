import pino from 'pino';
import type { AuditConfig } from '../server/filters/audit';
import { unionBackend, type AuditBackend } from './backend';
import { BufferedBackend, defaultWebhookBatchConfig, type BatchConfig } from './backend-buffered';
import { logFormats, newLogBackend, type LogFormat } from './backend-log';
import { newWebhookBackend, sendEvents } from './backend-webhook';
import { newPolicyRuleEvaluator } from './checker';
import { loadPolicyFromFile } from './policy';
import { loadWebhookClient } from './webhook-client';

export type AuditMode = 'batch' | 'blocking';
export const auditModes: readonly AuditMode[] = ['batch', 'blocking'];

/** The --audit-* flags of kube-apiserver (k8s.io/apiserver/pkg/server/options/audit.go), parsed. */
export interface AuditOptions {
  /** --audit-policy-file: without it nothing is audited. */
  policyFile?: string;
  log: {
    /** --audit-log-path ("-" = stdout); unset disables the log backend. */
    path?: string;
    /** --audit-log-format: json (default) | legacy. */
    format: LogFormat;
    maxAgeDays: number;
    maxBackups: number;
    maxSizeMB: number;
    /** --audit-log-compress: gzip rotated files. */
    compress: boolean;
  };
  webhook: {
    /** --audit-webhook-config-file: a kubeconfig naming the receiver; unset disables the webhook backend. */
    configFile?: string;
    /** --audit-webhook-mode: batch (default) | blocking. */
    mode: AuditMode;
    /** --audit-webhook-initial-backoff (10s). */
    initialBackoffMs: number;
    batch: BatchConfig;
  };
}

export function defaultAuditOptions(): AuditOptions {
  return {
    log: { format: 'json', maxAgeDays: 0, maxBackups: 0, maxSizeMB: 0, compress: false },
    webhook: { mode: 'batch', initialBackoffMs: 10_000, batch: { ...defaultWebhookBatchConfig } },
  };
}

/** AuditOptions.Validate: the errors kube-apiserver refuses to start with. */
export function validateAuditOptions(opts: AuditOptions): string[] {
  const errs: string[] = [];
  if (!logFormats.includes(opts.log.format)) errs.push(`invalid audit log format ${opts.log.format}, allowed formats are "${logFormats.join(',')}"`);
  for (const [flag, v] of [
    ['--audit-log-maxage', opts.log.maxAgeDays],
    ['--audit-log-maxbackup', opts.log.maxBackups],
    ['--audit-log-maxsize', opts.log.maxSizeMB],
  ] as const) {
    if (v < 0) errs.push(`${flag} ${v} can't be a negative number`);
  }
  if (!auditModes.includes(opts.webhook.mode)) errs.push(`invalid audit webhook mode ${opts.webhook.mode}, allowed modes are "${auditModes.join(',')}"`);
  // As kube, the batch settings are only checked when they are used.
  const b = opts.webhook.batch;
  if (opts.webhook.mode !== 'batch') return errs;
  if (b.bufferSize <= 0) errs.push(`invalid audit batch webhook buffer size ${b.bufferSize}, must be a positive number`);
  if (b.maxBatchSize <= 0) errs.push(`invalid audit batch webhook max batch size ${b.maxBatchSize}, must be a positive number`);
  if (b.throttleEnable && b.throttleQPS <= 0) errs.push(`invalid audit batch webhook throttle QPS ${b.throttleQPS}, must be a positive number`);
  if (b.throttleEnable && b.throttleBurst <= 0) errs.push(`invalid audit batch webhook throttle burst ${b.throttleBurst}, must be a positive number`);
  return errs;
}

/**
 * AuditOptions.ApplyTo: the policy and the backends, or undefined when auditing is off (no policy,
 * or no backend). A bad policy, log path or webhook kubeconfig throws: start-up stops there.
 */
export function newAuditConfig(opts: AuditOptions, logLevel?: string): AuditConfig | undefined {
  const logger = pino({ level: logLevel ?? process.env.KAPI_LOG_LEVEL ?? 'info', base: { component: 'audit' } });
  const errs = validateAuditOptions(opts);
  if (errs.length) throw new Error(errs.join('; '));
  const backends: AuditBackend[] = [];
  const wantsAudit = Boolean(opts.log.path || opts.webhook.configFile);
  if (!opts.policyFile) {
    if (wantsAudit) logger?.info('No audit policy file provided, no events will be recorded');
    return undefined;
  }
  let policy;
  try {
    policy = newPolicyRuleEvaluator(loadPolicyFromFile(opts.policyFile));
  } catch (err) {
    throw new Error(`loading audit policy file: ${(err as Error).message}`);
  }
  if (opts.log.path) {
    try {
      backends.push(newLogBackend({ ...opts.log, path: opts.log.path, logger }));
    } catch (err) {
      throw new Error(`ensureLogFile: ${(err as Error).message}`);
    }
  }
  if (opts.webhook.configFile) {
    let client;
    try {
      client = loadWebhookClient(opts.webhook.configFile);
    } catch (err) {
      throw new Error(`initializing audit webhook: ${(err as Error).message}`);
    }
    const webhook = { client, initialBackoffMs: opts.webhook.initialBackoffMs, logger };
    backends.push(
      opts.webhook.mode === 'blocking' ? newWebhookBackend(webhook) : new BufferedBackend('webhook', (events) => sendEvents(webhook, events), opts.webhook.batch, logger),
    );
  }
  if (backends.length === 0) return undefined;
  return { policy, backend: unionBackend(backends), logger };
}
