/** The parts of admissionregistration/v1 webhooks the dispatcher reads (the group package validates and defaults them). */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface WebhookRule {
  operations?: string[];
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  scope?: string;
}

export interface WebhookAccessor {
  /** The configuration's name and the webhook's position, for kube's uid of the webhook. */
  configurationName: string;
  name: string;
  clientConfig: { url?: string; service?: { namespace: string; name: string; path?: string; port?: number }; caBundle?: string };
  rules: WebhookRule[];
  failurePolicy: 'Fail' | 'Ignore';
  namespaceSelector?: LabelSelectorSpec;
  objectSelector?: LabelSelectorSpec;
  sideEffects?: string;
  timeoutSeconds: number;
  admissionReviewVersions: string[];
  matchConditions?: unknown[];
  reinvocationPolicy?: 'Never' | 'IfNeeded';
  matchPolicy?: 'Exact' | 'Equivalent';
  /** Set when the webhook matched another version of the request's resource (matchPolicy Equivalent). */
  invocation?: WebhookInvocation;
}

/**
 * generic.WebhookInvocation: the resource and kind the webhook is called with, and the conversion
 * of the request's objects into that version and back (a mutating webhook's patch applies there).
 */
export interface WebhookInvocation {
  resource: { group: string; version: string; resource: string };
  kind: { group: string; version: string; kind: string };
  toHook(obj: import('../../../runtime/object').KObject): import('../../../runtime/object').KObject;
  fromHook(obj: import('../../../runtime/object').KObject): import('../../../runtime/object').KObject;
}

/** Reads a stored configuration's webhooks with the v1 defaults a configuration stored before defaulting would lack. */
export function webhooksOfConfiguration(config: { metadata?: { name?: string }; webhooks?: unknown }): WebhookAccessor[] {
  const hooks = Array.isArray(config.webhooks) ? (config.webhooks as Partial<WebhookAccessor>[]) : [];
  return hooks.map((h) => ({
    ...h,
    configurationName: config.metadata?.name ?? '',
    name: h.name ?? '',
    clientConfig: h.clientConfig ?? {},
    rules: h.rules ?? [],
    failurePolicy: h.failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
    timeoutSeconds: h.timeoutSeconds ?? 10,
    admissionReviewVersions: h.admissionReviewVersions ?? [],
  }));
}
