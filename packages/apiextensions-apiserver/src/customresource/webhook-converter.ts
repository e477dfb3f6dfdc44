import { randomUUID } from 'node:crypto';
import { newInternalError, postToWebhook, WebhookClient, type KObject, type ServiceResolver } from '@kapi/apiserver-core';
import type { CustomResourceDefinition } from '../apis/types';
import type { CustomResourceConverter } from './converter';

/** kube's conversion webhook timeout (webhookConverterFactory: 30s). */
const conversionTimeoutSeconds = 30;

interface ConversionResponse {
  apiVersion?: string;
  kind?: string;
  response?: { uid?: string; result?: { status?: string; message?: string }; convertedObjects?: KObject[] };
}

/**
 * Strategy Webhook (pkg/apiserver/conversion/webhook_converter.go): objects not already in the
 * desired version are sent in one ConversionReview v1 to the CRD's webhook over HTTPS, trusting its
 * caBundle. Whatever fails — the call, a malformed answer, an object of the wrong version or
 * identity — fails the request as kube's InternalError, so nothing is read or written half converted.
 * A `service` reference is reached as admission webhooks reach theirs: through the server's
 * ServiceResolver (the service's Endpoints), verifying the certificate for `<name>.<namespace>.svc`.
 */
export function newWebhookConverter(crd: CustomResourceDefinition, serviceResolver?: () => ServiceResolver | undefined): CustomResourceConverter {
  const { group, names } = crd.spec;
  const cfg = crd.spec.conversion?.webhook?.clientConfig ?? {};
  const client = cfg.url
    ? new WebhookClient(
        { server: cfg.url, ca: cfg.caBundle ? Buffer.from(cfg.caBundle, 'base64') : undefined, insecureSkipTLSVerify: false },
        { timeoutMs: 30_000, backoff: { durationMs: 0, factor: 1, jitter: 0, steps: 1 }, resource: 'conversionreviews.apiextensions.k8s.io' },
      )
    : undefined;
  return {
    close: () => client?.close(),
    async convert(objs, toVersion) {
      const desired = `${group}/${toVersion}`;
      const todo = objs.filter((o) => o.apiVersion !== desired);
      if (todo.length === 0) return objs;
      const fail = (msg: string): never => {
        throw newInternalError(new Error(`conversion webhook for ${todo[0].apiVersion}, Kind=${names.kind} ${msg}`));
      };
      const uid = randomUUID();
      const body = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: { uid, desiredAPIVersion: desired, objects: todo } };
      let review: ConversionResponse;
      try {
        review = (await (client
          ? client.post(body)
          : postToWebhook({ service: cfg.service, caBundle: cfg.caBundle }, conversionTimeoutSeconds, body, serviceResolver?.(), false))) as ConversionResponse;
      } catch (err) {
        return fail(`failed: ${(err as Error).message}`);
      }
      const res = review.response;
      if (!res) return fail('failed: no response provided');
      if (res.uid !== uid) return fail(`failed: expected response.uid=${JSON.stringify(uid)}, got ${JSON.stringify(res.uid ?? '')}`);
      if (res.result?.status !== 'Success') return fail(`failed: response.result.status was '${res.result?.status ?? ''}', not 'Success'`);
      const converted = res.convertedObjects ?? [];
      if (converted.length !== todo.length) return fail(`returned ${converted.length} objects, expected ${todo.length}`);
      const byOriginal = new Map(todo.map((o, i) => [o, restoreMeta(o, converted[i], i, desired, names.kind, fail)]));
      return objs.map((o) => byOriginal.get(o) ?? o);
    },
  };
}

/** restoreObjectMeta: only labels and annotations may change; identity and the rest of metadata stay as stored. */
function restoreMeta(original: KObject, converted: KObject, i: number, desired: string, kind: string, fail: (m: string) => never): KObject {
  if (converted?.apiVersion !== desired) fail(`returned invalid converted object at index ${i}: invalid groupVersion (expected ${desired}, received ${converted?.apiVersion})`);
  if (converted.kind !== kind) fail(`returned invalid converted object at index ${i}: invalid kind (expected ${kind}, received ${converted.kind})`);
  const o = original.metadata ?? {};
  const c = converted.metadata ?? {};
  for (const key of ['name', 'namespace', 'uid'] as const) {
    if ((c[key] ?? '') !== (o[key] ?? '')) fail(`returned invalid metadata in object at index ${i}: must have the same ${key}: ${o[key] ?? ''} != ${c[key] ?? ''}`);
  }
  const metadata = { ...o };
  for (const key of ['labels', 'annotations'] as const) {
    if (c[key] === undefined) delete metadata[key];
    else metadata[key] = c[key];
  }
  return { ...converted, metadata };
}
