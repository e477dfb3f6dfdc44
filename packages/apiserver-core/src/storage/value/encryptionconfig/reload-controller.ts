import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Counter, Gauge, type Registry } from 'prom-client';
import { encryptionConfigHash, loadEncryptionConfig, type EncryptionConfigOptions } from './config';
import type { DynamicTransformers } from './dynamic-transformers';

/** encryptionconfig/controller's EncryptionConfigFileChangePollDuration. */
export const defaultEncryptionConfigPollIntervalMs = 60_000;

export interface ReloadControllerOptions {
  filepath: string;
  transformers: DynamicTransformers;
  /** The server's identity; its sha256 labels the metrics as kube's apiserver_id_hash. */
  apiServerID: string;
  registry: Registry;
  pollIntervalMs?: number;
  /** Passed to each load, as at start. */
  loadOptions?: EncryptionConfigOptions;
  /** Where a failed reload is reported (kube logs it and keeps the running providers). */
  onError?: (err: Error) => void;
}

/**
 * DynamicEncryptionConfigContent: polls the --encryption-provider-config file; a changed file
 * that loads and validates replaces the providers, a bad one is counted as a failure and the
 * running providers stay, so a typo never takes encryption down.
 */
export class EncryptionConfigReloadController {
  private timer?: NodeJS.Timeout;
  private readonly reloads: Counter<'status' | 'apiserver_id_hash'>;
  private readonly lastReload: Gauge<'status' | 'apiserver_id_hash'>;
  private readonly idHash: string;

  constructor(private readonly opts: ReloadControllerOptions) {
    this.idHash = opts.apiServerID ? `sha256:${createHash('sha256').update(opts.apiServerID).digest('hex')}` : '';
    this.reloads = new Counter({
      name: 'apiserver_encryption_config_controller_automatic_reloads_total',
      help: 'Total number of reload successes and failures of encryption configuration split by apiserver identity.',
      labelNames: ['status', 'apiserver_id_hash'],
      registers: [opts.registry],
    });
    this.lastReload = new Gauge({
      name: 'apiserver_encryption_config_controller_automatic_reload_last_timestamp_seconds',
      help: 'Timestamp of the last successful or failed automatic reload of encryption configuration split by apiserver identity.',
      labelNames: ['status', 'apiserver_id_hash'],
      registers: [opts.registry],
    });
  }

  start(): void {
    this.timer ??= setInterval(() => this.sync(), this.opts.pollIntervalMs ?? defaultEncryptionConfigPollIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One poll: nothing when the file's hash is unchanged (or unreadable mid-write, retried next poll). */
  sync(): void {
    let data: Buffer;
    try {
      data = readFileSync(this.opts.filepath);
    } catch (err) {
      this.fail(err);
      return;
    }
    if (data.length > 0 && encryptionConfigHash(data) === this.opts.transformers.contentHash) return;
    try {
      this.opts.transformers.set(loadEncryptionConfig(this.opts.filepath, this.opts.loadOptions));
    } catch (err) {
      this.fail(err);
      return;
    }
    this.record('success');
  }

  private fail(err: unknown): void {
    this.record('failure');
    this.opts.onError?.(err instanceof Error ? err : new Error(String(err)));
  }

  private record(status: 'success' | 'failure'): void {
    this.reloads.inc({ status, apiserver_id_hash: this.idHash });
    this.lastReload.set({ status, apiserver_id_hash: this.idHash }, Date.now() / 1000);
  }
}
