import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { newCertificateAuthority, newServingCertificate, type J } from '@kapi/apiserver-core';

/** What a test webhook answers to one AdmissionReview request: allowed, a status, a JSON patch, warnings. */
export interface WebhookAnswer {
  allowed: boolean;
  status?: { code?: number; message?: string };
  patch?: object[];
  warnings?: string[];
  auditAnnotations?: Record<string, string>;
  /** Wait this long before answering (a slow webhook). */
  delayMs?: number;
}

export type WebhookHandler = (request: J) => WebhookAnswer;

export interface AdmissionWebhookServer {
  url: (path: string) => string;
  caBundle: string;
  /** The AdmissionReview requests each path received. */
  received: Map<string, J[]>;
  close(): Promise<void>;
}

/**
 * A real HTTPS admission webhook on 127.0.0.1 with its own CA (not the apiserver's): each path
 * answers AdmissionReview v1 as its handler says, the way a webhook deployment would.
 */
export interface WebhookServerOptions {
  /** The serving certificate's names (default 127.0.0.1); a service-referenced webhook needs `<svc>.<ns>.svc`. */
  hosts?: string[];
  /** Where to listen (default 127.0.0.1). */
  listenHost?: string;
}

export async function startAdmissionWebhookServer(handlers: Record<string, WebhookHandler>, opts: WebhookServerOptions = {}): Promise<AdmissionWebhookServer & { port: number }> {
  const ca = await newCertificateAuthority('admission-webhook-test-ca');
  const serving = await newServingCertificate(ca, opts.hosts ?? ['127.0.0.1']);
  const received = new Map<string, unknown[]>();
  const server = https.createServer({ cert: serving.certPEM, key: serving.keyPEM }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'https://x').pathname;
      const handler = handlers[path];
      const review = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      received.set(path, [...(received.get(path) ?? []), review.request]);
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      const answer = handler(review.request);
      const response = {
        uid: review.request.uid,
        allowed: answer.allowed,
        ...(answer.status ? { status: answer.status } : {}),
        ...(answer.patch ? { patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify(answer.patch)).toString('base64') } : {}),
        ...(answer.warnings ? { warnings: answer.warnings } : {}),
        ...(answer.auditAnnotations ? { auditAnnotations: answer.auditAnnotations } : {}),
      };
      const send = () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response }));
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, opts.listenHost ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `https://127.0.0.1:${port}${path}`,
    caBundle: Buffer.from(ca.certPEM).toString('base64'),
    received: received as Map<string, never[]>,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
