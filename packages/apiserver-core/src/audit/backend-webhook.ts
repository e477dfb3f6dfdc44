import type { Logger } from 'pino';
import type { AuditBackend } from './backend';
import { auditGroupVersion, type Event, type EventList } from './types';
import type { WebhookClient } from './webhook-client';

export interface WebhookBackendOptions {
  client: WebhookClient;
  /** --audit-webhook-initial-backoff: the first retry's delay (kube: 10s), growing 1.5× with 20% jitter, 5 tries. */
  initialBackoffMs: number;
  requestTimeoutMs?: number;
  logger?: Logger;
}

/** A send that failed for good: the batch is dropped and logged, as kube's HandlePluginError does. */
export class WebhookError extends Error {}

/**
 * plugin/pkg/audit/webhook: each call POSTs one audit.k8s.io/v1 EventList. Connection errors, 429
 * and 5xx answers are retried with exponential backoff (webhook.DefaultShouldRetry); any other
 * non-2xx answer fails at once. Used alone it is the blocking mode; the buffered backend batches.
 */
export function newWebhookBackend(opts: WebhookBackendOptions): AuditBackend {
  return {
    name: 'webhook',
    async processEvents(...events) {
      try {
        await sendEvents(opts, events);
      } catch (err) {
        opts.logger?.error({ err, plugin: 'webhook', events: events.length }, 'Error in audit plugin: unable to send audit events');
      }
    },
    async shutdown() {
      // Nothing buffered: every call already waited for its answer.
    },
  };
}

export async function sendEvents(opts: WebhookBackendOptions, events: Event[]): Promise<void> {
  if (events.length === 0) return;
  const list: EventList = { kind: 'EventList', apiVersion: auditGroupVersion, metadata: {}, items: events };
  const body = JSON.stringify(list);
  const steps = 5;
  let delay = opts.initialBackoffMs;
  for (let attempt = 1; ; attempt++) {
    let retriable: boolean;
    let failure: string;
    try {
      const res = await opts.client.post(body, opts.requestTimeoutMs ?? 30_000);
      if (res.code >= 200 && res.code < 300) return;
      retriable = res.code === 429 || res.code >= 500;
      failure = `the server responded with the status code ${res.code}: ${res.body.slice(0, 200)}`;
    } catch (err) {
      retriable = true;
      failure = (err as Error).message;
    }
    if (!retriable || attempt >= steps) throw new WebhookError(failure);
    await new Promise((resolve) => setTimeout(resolve, delay * (1 + Math.random() * 0.2)).unref?.());
    delay *= 1.5;
  }
}
