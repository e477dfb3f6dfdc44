import type { WebhookClientConfig } from '@kapi/apiserver-core';
/** The --authorization-mode values kube-apiserver knows (pkg/kubeapiserver/authorizer/modes). */
export const authorizationModes = ['AlwaysAllow', 'AlwaysDeny', 'ABAC', 'Webhook', 'RBAC', 'Node'] as const;
export type AuthorizationMode = (typeof authorizationModes)[number];

/**
 * kube-apiserver's own default is AlwaysAllow; clusters (kubeadm, kind) run `Node,RBAC`, which is
 * kapi's default once authentication is in the chain.
 */
export const secureAuthorizationModes = ['Node', 'RBAC'];

/** BuiltInAuthorizationOptions: the --authorization-* flags. */
export interface BuiltInAuthorizationOptions {
  /** --authorization-mode, in order. */
  modes: string[];
  /** --authorization-webhook-config-file (kubeconfig format). */
  webhookConfigFile?: string;
  /** The webhook's client when it is not read from a file (--authorization-kubeconfig's SubjectAccessReview endpoint). */
  webhookClient?: WebhookClientConfig;
  /** --authorization-webhook-version: v1 or v1beta1 (kube's default). */
  webhookVersion: string;
  /** --authorization-webhook-cache-authorized-ttl (5m0s). */
  webhookCacheAuthorizedTTLMs: number;
  /** --authorization-webhook-cache-unauthorized-ttl (30s). */
  webhookCacheUnauthorizedTTLMs: number;
}

export function defaultAuthorizationOptions(): BuiltInAuthorizationOptions {
  return {
    // Secure by default: kubeadm's Node,RBAC rather than kube-apiserver's flag default AlwaysAllow.
    modes: [...secureAuthorizationModes],
    webhookVersion: 'v1beta1',
    webhookCacheAuthorizedTTLMs: 5 * 60_000,
    webhookCacheUnauthorizedTTLMs: 30_000,
  };
}

/** BuiltInAuthorizationOptions.Validate: kube's messages, every problem at once. */
export function validateAuthorizationOptions(o: BuiltInAuthorizationOptions): string[] {
  const errs: string[] = [];
  if (o.modes.length === 0) errs.push('at least one authorization-mode must be passed');
  for (const mode of o.modes) {
    if (!(authorizationModes as readonly string[]).includes(mode)) errs.push(`authorization-mode "${mode}" is not a valid mode`);
    if (mode === 'ABAC') errs.push("authorization-mode ABAC's authorization policy file not passed");
    if (mode === 'Webhook' && !o.webhookConfigFile && !o.webhookClient) errs.push("authorization-mode Webhook's authorization config file not passed");
  }
  if (o.webhookConfigFile && !o.modes.includes('Webhook')) errs.push('cannot specify --authorization-webhook-config-file without mode Webhook');
  if (new Set(o.modes).size !== o.modes.length) errs.push(`authorization-mode [${o.modes.map((m) => JSON.stringify(m)).join(' ')}] has mode specified more than once`);
  return errs;
}
