import type { validateLabelSelector } from '@kapi/registry-apps';

type LabelSelectorSpec = Parameters<typeof validateLabelSelector>[0];

/** admissionregistration/v1 RuleWithOperations. */
export interface RuleWithOperations {
  operations?: string[];
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  scope?: string;
}

/** admissionregistration/v1 WebhookClientConfig. */
export interface WebhookClientConfig {
  url?: string;
  service?: { namespace?: string; name?: string; path?: string; port?: number };
  caBundle?: string;
}

/** The fields ValidatingWebhook and MutatingWebhook share, plus reinvocationPolicy of the mutating one. */
export interface Webhook {
  name?: string;
  clientConfig?: WebhookClientConfig;
  rules?: RuleWithOperations[];
  failurePolicy?: string;
  matchPolicy?: string;
  namespaceSelector?: LabelSelectorSpec;
  objectSelector?: LabelSelectorSpec;
  sideEffects?: string;
  timeoutSeconds?: number;
  admissionReviewVersions?: string[];
  matchConditions?: { name?: string; expression?: string }[];
  reinvocationPolicy?: string;
}

export const webhooksOf = (obj: { webhooks?: unknown }): Webhook[] => (Array.isArray(obj.webhooks) ? (obj.webhooks as Webhook[]) : []);
