import https from 'node:https';
import type { WebhookAccessor } from './types';

/** Node's codes for a chain the caBundle does not vouch for; Go says "unknown authority" for all of them. */
const untrustedCertificate = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT']);

/**
 * POSTs an AdmissionReview to the webhook's url over TLS, trusting its caBundle (the system roots
 * without one), and gives up after timeoutSeconds as kube's `?timeout=` and client deadline do.
 * Errors read as Go's url.Error, which kube puts in its message.
 */
export async function callWebhook(hook: WebhookAccessor, body: object): Promise<unknown> {
  const target = webhookURL(hook);
  const payload = Buffer.from(JSON.stringify(body));
  const ca = hook.clientConfig.caBundle ? Buffer.from(hook.clientConfig.caBundle, 'base64') : undefined;
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => reject(new Error(`Post "${target}": ${reason}`));
    const req = https.request(target, {
      method: 'POST', ca, headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Content-Length': payload.length },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => fail(err.message));
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        const code = res.statusCode ?? 0;
        if (code < 200 || code > 299) {
          reject(new Error(text ? `an error on the server (${JSON.stringify(text.trim().slice(0, 200))}) has prevented the request from succeeding` : `the server responded with the status code ${code} but did not return more information`));
          return;
        }
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new Error(`couldn't get version/kind; json parse error: ${text.slice(0, 100)}`));
        }
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      fail('context deadline exceeded');
    }, hook.timeoutSeconds * 1000);
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const host = new URL(target).host;
      fail(err.code === 'ECONNREFUSED' ? `dial tcp ${host}: connect: connection refused`
        : untrustedCertificate.has(err.code ?? '') ? 'tls: failed to verify certificate: x509: certificate signed by unknown authority'
          : err.message);
    });
    req.end(payload);
  });
}

/** The url with kube's `timeout` parameter; service references are not resolved yet. */
function webhookURL(hook: WebhookAccessor): string {
  const raw = hook.clientConfig.url;
  if (!raw) throw new Error('service references are not supported by kapi yet; use clientConfig.url');
  const u = new URL(raw);
  u.searchParams.set('timeout', `${hook.timeoutSeconds}s`);
  return u.toString();
}
