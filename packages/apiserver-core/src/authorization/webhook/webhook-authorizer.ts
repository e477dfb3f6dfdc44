import type { UserInfo } from '../../authentication/user';
import { parseFieldSelector } from '../../fields/selector';
import { WebhookClient, type RetryBackoff } from '../../util/webhook/client';
import type { WebhookClientConfig } from '../../util/webhook/kubeconfig';
import type { AuthorizationAttributes, AuthorizationResult, Authorizer, RuleResolver, RulesResult } from '../authorizer';
import { ExpiringCache } from './response-cache';

/** The SubjectAccessReview versions a webhook may speak (--authorization-webhook-version). */
export const webhookVersions = ['v1', 'v1beta1'] as const;
export type WebhookVersion = (typeof webhookVersions)[number];

export interface WebhookAuthorizerOptions {
  /** The kubeconfig's cluster and user (loadWebhookKubeconfig). */
  client: WebhookClientConfig;
  version: WebhookVersion;
  /** --authorization-webhook-cache-authorized-ttl (kube: 5m). */
  authorizedTTLMs: number;
  /** --authorization-webhook-cache-unauthorized-ttl (kube: 30s). */
  unauthorizedTTLMs: number;
  /** Per call; kube gives a webhook configured by flags 30 s. */
  timeoutMs?: number;
  backoff?: RetryBackoff;
}

interface ReviewStatus {
  allowed?: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

/**
 * The Webhook authorization mode (plugin/pkg/authorizer/webhook): each decision is a
 * SubjectAccessReview POSTed to a remote service; answers are cached by spec for the authorized or
 * unauthorized TTL. A failed call has no opinion and reports its error, so later modes still
 * decide (kube's failure policy NoOpinion). The webhook cannot list rules.
 */
export class WebhookAuthorizer implements Authorizer, RuleResolver {
  private readonly client: WebhookClient;
  private readonly cache = new ExpiringCache<ReviewStatus>(8192);

  constructor(private readonly opts: WebhookAuthorizerOptions) {
    if (!(webhookVersions as readonly string[]).includes(opts.version)) {
      throw new Error(`unsupported webhook authorizer version "${opts.version}", supported versions are "v1", "v1beta1"`);
    }
    this.client = new WebhookClient(opts.client, {
      timeoutMs: opts.timeoutMs ?? 30_000,
      backoff: opts.backoff,
      resource: 'subjectaccessreviews.authorization.k8s.io',
    });
  }

  async authorize(attrs: AuthorizationAttributes): Promise<AuthorizationResult> {
    const review = subjectAccessReviewFor(attrs, this.opts.version);
    const key = JSON.stringify(review.spec);
    const cacheable = shouldCache(attrs);
    let status = cacheable ? this.cache.get(key) : undefined;
    if (!status) {
      try {
        const answer = (await this.client.post(review)) as { status?: ReviewStatus } | null;
        status = answer?.status ?? {};
      } catch (err) {
        return { decision: 'NoOpinion', reason: '', evaluationError: (err as Error).message };
      }
      if (cacheable) this.cache.add(key, status, status.allowed ? this.opts.authorizedTTLMs : this.opts.unauthorizedTTLMs);
    }
    return decisionOf(status);
  }

  rulesFor(): RulesResult {
    return { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'webhook authorizer does not support user rule resolution' };
  }

  close(): void {
    this.client.close();
  }
}

function decisionOf(status: ReviewStatus): AuthorizationResult {
  const reason = status.reason ?? '';
  if (status.denied && status.allowed) {
    return { decision: 'Deny', reason, evaluationError: 'webhook subject access review returned both allow and deny response' };
  }
  if (status.denied) return { decision: 'Deny', reason };
  if (status.allowed) return { decision: 'Allow', reason };
  return { decision: 'NoOpinion', reason };
}

/**
 * The SubjectAccessReview as kube sends it: Go's field order, empty fields left out, and
 * `creationTimestamp: null` and `status.allowed: false` as encoding/json writes the zero values.
 * v1beta1 calls the groups field `group`.
 */
export function subjectAccessReviewFor(attrs: AuthorizationAttributes, version: WebhookVersion): Record<string, unknown> & { spec: Record<string, unknown> } {
  const spec: Record<string, unknown> = {};
  if (attrs.resourceRequest) {
    spec.resourceAttributes = omitEmpty({
      namespace: attrs.namespace,
      verb: attrs.verb,
      group: attrs.apiGroup,
      version: attrs.apiVersion,
      resource: attrs.resource,
      subresource: attrs.subresource,
      name: attrs.name,
      fieldSelector: fieldSelectorAttributes(attrs.fieldSelector),
    });
  } else {
    spec.nonResourceAttributes = omitEmpty({ path: attrs.path, verb: attrs.verb });
  }
  Object.assign(spec, subjectOf(attrs.user, version));
  return {
    kind: 'SubjectAccessReview',
    apiVersion: `authorization.k8s.io/${version}`,
    metadata: { creationTimestamp: null },
    spec,
    status: { allowed: false },
  };
}

/**
 * A list's field selector as FieldSelectorAttributes requirements (KEP-4601): `=`/`==` become In,
 * `!=` NotIn. A selector that does not parse is left out — the check is then only broader.
 */
function fieldSelectorAttributes(selector: string | undefined): { requirements: { key: string; operator: string; values: string[] }[] } | undefined {
  if (!selector) return undefined;
  try {
    const requirements = parseFieldSelector(selector).requirements.map((r) => ({ key: r.field, operator: r.operator === '=' ? 'In' : 'NotIn', values: [r.value] }));
    return requirements.length ? { requirements } : undefined;
  } catch {
    return undefined;
  }
}

/** shouldCache: attributes a requester controls past 10,000 bytes could flood the cache, so they are not kept. */
function shouldCache(attrs: AuthorizationAttributes): boolean {
  const size = [attrs.namespace, attrs.verb, attrs.apiGroup, attrs.apiVersion, attrs.resource, attrs.subresource, attrs.name, attrs.path].reduce((n, v) => n + (v?.length ?? 0), 0);
  return size < 10_000;
}

function subjectOf(user: UserInfo, version: WebhookVersion): Record<string, unknown> {
  return omitEmpty({
    user: user.name,
    [version === 'v1beta1' ? 'group' : 'groups']: user.groups.length ? user.groups : undefined,
    extra: user.extra && Object.keys(user.extra).length ? user.extra : undefined,
    uid: user.uid,
  });
}

function omitEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ''));
}
