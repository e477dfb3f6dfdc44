import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { leafAnchors, verifyPinnedLeaf } from '../../../util/webhook/leaf-anchors';
import type { ServiceResolver } from './service-resolver';
import type { WebhookAccessor } from './types';

/** Node's codes for a chain the caBundle does not vouch for; Go says "unknown authority" for all of them. */
const untrustedCertificate = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

/**
 * POSTs an AdmissionReview to the webhook's url over TLS, trusting its caBundle (the system roots
 * without one), and gives up after timeoutSeconds as kube's `?timeout=` and client deadline do.
 * Errors read as Go's url.Error, which kube puts in its message.
 */
export async function callWebhook(hook: WebhookAccessor, body: object, resolver: ServiceResolver | undefined): Promise<unknown> {
  return postToWebhook(hook.clientConfig, hook.timeoutSeconds, body, resolver);
}

/**
 * The same call for any webhook clientConfig (url or service reference + caBundle): admission
 * webhooks and CRD conversion webhooks reach their services through one resolver, as kube's
 * webhook.ClientManager serves both.
 */
export async function postToWebhook(
  clientConfig: WebhookAccessor['clientConfig'],
  timeoutSeconds: number,
  body: object,
  resolver: ServiceResolver | undefined,
  /** Admission puts `?timeout=<n>s` on the URL (rest.Request.Timeout); CRD conversion does not. */
  timeoutQuery = true,
): Promise<unknown> {
  const hook = { clientConfig, timeoutSeconds };
  const { target, connectTo, servername } = await webhookTarget(hook, resolver, timeoutQuery);
  const payload = Buffer.from(JSON.stringify(body));
  return post(hook, target, connectTo, servername, payload, 0);
}

/** Go's http.Client, which kube's webhook client is, follows up to 10 redirects. */
const maxRedirects = 10;

function post(
  hook: Pick<WebhookAccessor, 'clientConfig' | 'timeoutSeconds'>,
  target: string,
  connectTo: string,
  servername: string | undefined,
  payload: Buffer,
  redirects: number,
): Promise<unknown> {
  const ca = hook.clientConfig.caBundle ? Buffer.from(hook.clientConfig.caBundle, 'base64') : undefined;
  // A bundle that pins a leaf is checked after the handshake (see leafAnchors), on a connection of
  // its own, and the review is only sent once the check passed.
  const anchors = leafAnchors(ca);
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => reject(new Error(`Post "${target}": ${reason}`));
    const req = https.request(
      connectTo,
      {
        method: 'POST',
        ca,
        servername,
        ...(anchors.length ? { rejectUnauthorized: false, agent: false } : {}),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Content-Length': payload.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => fail(err.message));
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          const code = res.statusCode ?? 0;
          // 307 and 308 keep the method and body, as Go's client does (controller-runtime's webhook
          // server answers a non-clean path such as envtest's `//mutate-…` with a 307 to the clean one).
          if ((code === 307 || code === 308) && res.headers.location && redirects < maxRedirects) {
            const next = new URL(res.headers.location, connectTo).toString();
            resolve(post(hook, next, next, servername, payload, redirects + 1));
            return;
          }
          if (code < 200 || code > 299) {
            reject(
              new Error(
                text
                  ? `an error on the server (${JSON.stringify(text.trim().slice(0, 200))}) has prevented the request from succeeding`
                  : `the server responded with the status code ${code} but did not return more information`,
              ),
            );
            return;
          }
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new Error(`couldn't get version/kind; json parse error: ${text.slice(0, 100)}`));
          }
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      fail('context deadline exceeded');
    }, hook.timeoutSeconds * 1000);
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const host = new URL(target).host;
      fail(
        err.code === 'ECONNREFUSED'
          ? `dial tcp ${host}: connect: connection refused`
          : untrustedCertificate.has(err.code ?? '')
            ? 'tls: failed to verify certificate: x509: certificate signed by unknown authority'
            : err.message,
      );
    });
    if (!anchors.length) {
      req.end(payload);
      return;
    }
    req.once('socket', (socket: TLSSocket) =>
      socket.once('secureConnect', () => {
        const err = verifyPinnedLeaf(socket, servername ?? new URL(connectTo).hostname, anchors);
        if (err) req.destroy(err);
        else req.end(payload);
      }),
    );
  });
}

/**
 * Where the review goes. A url is used as configured; a service reference is shown as kube shows it
 * (`https://<name>.<namespace>.svc:<port>/<path>`), connected to at the endpoint the resolver picked
 * and verified against the service's DNS name, as kube's client does.
 */
async function webhookTarget(
  hook: Pick<WebhookAccessor, 'clientConfig' | 'timeoutSeconds'>,
  resolver: ServiceResolver | undefined,
  timeoutQuery: boolean,
): Promise<{ target: string; connectTo: string; servername?: string }> {
  const timeout = `${hook.timeoutSeconds}s`;
  const { url, service } = hook.clientConfig;
  if (url) {
    const u = new URL(url);
    if (timeoutQuery) u.searchParams.set('timeout', timeout);
    return { target: u.toString(), connectTo: u.toString() };
  }
  const svc = service!;
  const port = svc.port ?? 443;
  const servername = `${svc.name}.${svc.namespace}.svc`;
  // Written out by hand: URL would drop the default port, which kube's messages keep.
  const shown = `https://${servername}:${port}${svc.path ?? ''}${timeoutQuery ? `?timeout=${timeout}` : ''}`;
  if (!resolver) throw new Error(`Post "${shown}": no service resolver configured`);
  let endpoint;
  try {
    endpoint = await resolver.resolveEndpoint(svc.namespace, svc.name, port);
  } catch (err) {
    throw new Error(`Post "${shown}": ${(err as Error).message}`);
  }
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  const connectTo = new URL(shown);
  connectTo.host = `${host}:${endpoint.port}`;
  return { target: shown, connectTo: connectTo.toString(), servername };
}
