import { WebhookClient, type RetryBackoff } from '../../util/webhook/client';
import type { WebhookClientConfig } from '../../util/webhook/kubeconfig';
import type { AuthenticationResponse, TokenAuthenticator } from '../authenticator';

export interface WebhookTokenAuthenticatorOptions {
  client: WebhookClientConfig;
  /** --authentication-token-webhook-version: authentication.k8s.io v1 or v1beta1 (kube's default). */
  version: string;
  timeoutMs?: number;
  backoff?: RetryBackoff;
}

interface TokenReviewStatus {
  authenticated?: boolean;
  user?: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  audiences?: string[];
  error?: string;
}

/**
 * The webhook token authenticator (k8s.io/apiserver/plugin/pkg/authenticator/token/webhook): a
 * bearer token is POSTed as a TokenReview to the configured server — with a kubeconfig pointing at
 * another kube-apiserver's /apis/authentication.k8s.io/v1/tokenreviews it is the delegated
 * authentication of extension apiservers. Not authenticated → no opinion (or the review's error);
 * a failed call is an error, so the request is refused rather than anonymous.
 */
export class WebhookTokenAuthenticator implements TokenAuthenticator {
  private readonly client: WebhookClient;

  constructor(private readonly opts: WebhookTokenAuthenticatorOptions) {
    if (opts.version !== 'v1' && opts.version !== 'v1beta1') {
      throw new Error(`unsupported authentication webhook version "${opts.version}", supported versions are "v1", "v1beta1"`);
    }
    this.client = new WebhookClient(opts.client, { timeoutMs: opts.timeoutMs ?? 30_000, backoff: opts.backoff, resource: 'tokenreviews.authentication.k8s.io' });
  }

  async authenticateToken(token: string, audiences?: string[]): Promise<AuthenticationResponse | null> {
    const review = {
      apiVersion: `authentication.k8s.io/${this.opts.version}`,
      kind: 'TokenReview',
      metadata: { creationTimestamp: null },
      spec: { token, ...(audiences?.length ? { audiences } : {}) },
      status: { user: {} },
    };
    const answer = (await this.client.post(review)) as { status?: TokenReviewStatus } | null;
    const status = answer?.status ?? {};
    if (!status.authenticated) {
      if (status.error) throw new Error(status.error);
      return null;
    }
    // The reviewer must answer for one of the audiences asked about (kube checks the intersection).
    if (audiences?.length && status.audiences?.length && !status.audiences.some((a) => audiences.includes(a))) {
      throw new Error('token audiences is invalid for this reviewer');
    }
    const u = status.user ?? {};
    return {
      user: { name: u.username ?? '', uid: u.uid || undefined, groups: u.groups ?? [], extra: u.extra },
      audiences: status.audiences?.length ? status.audiences : audiences,
    };
  }

  close(): void {
    this.client.close();
  }
}
