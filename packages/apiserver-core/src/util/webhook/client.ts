import https from 'node:https';
import http from 'node:http';
import type { WebhookClientConfig } from './kubeconfig';

/** webhook.DefaultRetryBackoff: 500 ms, growing 1.5× with 20 % jitter, five attempts in all. */
export interface RetryBackoff {
  durationMs: number;
  factor: number;
  jitter: number;
  steps: number;
}

export const defaultRetryBackoff: RetryBackoff = { durationMs: 500, factor: 1.5, jitter: 0.2, steps: 5 };

/** A failed webhook call; `retriable` as webhook.DefaultShouldRetry decides (reset connections, 429, 500, 504). */
export class WebhookError extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
  ) {
    super(message);
  }
}

export interface WebhookClientOptions {
  timeoutMs: number;
  backoff?: RetryBackoff;
  /** Shown in errors as rest.Result does: `(post subjectaccessreviews.authorization.k8s.io)`. */
  resource: string;
}

/**
 * The GenericWebhook of k8s.io/apiserver/pkg/util/webhook: POSTs a JSON object to the configured
 * server over TLS with the kubeconfig's credentials, retrying transient failures with backoff.
 */
export class WebhookClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly config: WebhookClientConfig,
    private readonly opts: WebhookClientOptions,
  ) {
    const url = new URL(config.server);
    this.agent =
      url.protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            ca: config.ca,
            cert: config.cert,
            key: config.key,
            rejectUnauthorized: !config.insecureSkipTLSVerify,
            servername: config.tlsServerName,
          })
        : new http.Agent({ keepAlive: true });
  }

  async post(body: unknown): Promise<unknown> {
    const backoff = this.opts.backoff ?? defaultRetryBackoff;
    let delay = backoff.durationMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.postOnce(body);
      } catch (err) {
        if (!(err instanceof WebhookError) || !err.retriable || attempt >= backoff.steps) throw err;
        await new Promise((resolve) => setTimeout(resolve, delay * (1 + Math.random() * backoff.jitter)));
        delay *= backoff.factor;
      }
    }
  }

  close(): void {
    this.agent.destroy();
  }

  private postOnce(body: unknown): Promise<unknown> {
    const url = new URL(this.config.server);
    const payload = Buffer.from(JSON.stringify(body));
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': 'application/json',
      Accept: 'application/json, */*',
      'Content-Length': payload.length,
      'User-Agent': 'kapi-apiserver',
    };
    if (this.config.token) headers.Authorization = `Bearer ${this.config.token}`;
    const request = url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST', agent: this.agent, headers, timeout: this.opts.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(this.transportError(err)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const code = res.statusCode ?? 0;
          if (code < 200 || code > 299) {
            reject(this.statusError(code, text));
            return;
          }
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new WebhookError(`couldn't get version/kind; json parse error: ${text.slice(0, 100)}`, false));
          }
        });
      });
      req.on('timeout', () => req.destroy(new WebhookError(`Post "${this.config.server}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`, true)));
      req.on('error', (err) => reject(err instanceof WebhookError ? err : this.transportError(err)));
      req.end(payload);
    });
  }

  /** Go's url.Error text for a failed connection; only a reset connection is worth retrying. */
  private transportError(err: NodeJS.ErrnoException): WebhookError {
    const host = new URL(this.config.server).host;
    const reason =
      err.code === 'ECONNREFUSED' ? `dial tcp ${host}: connect: connection refused` : err.code === 'ECONNRESET' ? `read tcp ${host}: read: connection reset by peer` : err.message;
    return new WebhookError(`Post "${this.config.server}": ${reason}`, err.code === 'ECONNRESET');
  }

  /** rest.Result's error for a non-2xx answer: a Status message when the body is one, kube's generic texts otherwise. */
  private statusError(code: number, text: string): WebhookError {
    const retriable = code === 429 || code === 500 || code === 504;
    let status: { kind?: string; message?: string } | undefined;
    try {
      status = JSON.parse(text) as typeof status;
    } catch {
      status = undefined;
    }
    if (status?.kind === 'Status' && status.message) return new WebhookError(status.message, retriable);
    const suffix = `(post ${this.opts.resource})`;
    const generic: Record<number, string> = {
      401: 'the server has asked for the client to provide credentials',
      403: 'forbidden',
      404: 'the server could not find the requested resource',
      429: 'the server has received too many requests and has asked us to try again later',
      504: 'the server was unable to return a response in the time allotted, but may still be processing the request',
    };
    const message =
      generic[code] ??
      (text
        ? `an error on the server (${JSON.stringify(text.trim())}) has prevented the request from succeeding`
        : `the server responded with the status code ${code} but did not return more information`);
    return new WebhookError(`${message} ${suffix}`, retriable);
  }
}
