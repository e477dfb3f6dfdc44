import type { ServerRunOptions } from '@kapi/controlplane';
import { parseDuration } from './duration';

/** The --authorization-* flags of kube-apiserver (BuiltInAuthorizationOptions.AddFlags). */
export const authorizationFlagSpec = {
  'authorization-mode': {
    type: 'string',
    multiple: true,
    description: 'Ordered list of plug-ins to do authorization on secure port. Comma-delimited list of: AlwaysAllow,AlwaysDeny,ABAC,Webhook,RBAC,Node. (default [Node,RBAC])',
  },
  'authorization-webhook-config-file': {
    type: 'string',
    description:
      "File with webhook configuration in kubeconfig format, used with --authorization-mode=Webhook. The API server will query the remote service to determine access on the API server's secure port.",
  },
  'authorization-webhook-version': {
    type: 'string',
    description: 'The API version of the authorization.k8s.io SubjectAccessReview to send to and expect from the webhook. (default "v1beta1")',
  },
  'authorization-webhook-cache-authorized-ttl': { type: 'string', description: "The duration to cache 'authorized' responses from the webhook authorizer. (default 5m0s)" },
  'authorization-webhook-cache-unauthorized-ttl': { type: 'string', description: "The duration to cache 'unauthorized' responses from the webhook authorizer. (default 30s)" },
} as const;

/** Applies the parsed --authorization-* values; modes may be repeated or comma separated, as a pflag string slice. */
export function applyAuthorizationFlags(values: Record<string, string | string[] | boolean | undefined>, opts: ServerRunOptions): void {
  const a = opts.authorization;
  const modes = values['authorization-mode'] as string[] | undefined;
  if (modes)
    a.modes = modes
      .flatMap((m) => m.split(','))
      .map((m) => m.trim())
      .filter(Boolean);
  const str = (name: keyof typeof authorizationFlagSpec) => values[name] as string | undefined;
  if (str('authorization-webhook-config-file') !== undefined) a.webhookConfigFile = str('authorization-webhook-config-file');
  if (str('authorization-webhook-version') !== undefined) a.webhookVersion = str('authorization-webhook-version')!;
  if (str('authorization-webhook-cache-authorized-ttl') !== undefined) a.webhookCacheAuthorizedTTLMs = parseDuration(str('authorization-webhook-cache-authorized-ttl')!);
  if (str('authorization-webhook-cache-unauthorized-ttl') !== undefined) a.webhookCacheUnauthorizedTTLMs = parseDuration(str('authorization-webhook-cache-unauthorized-ttl')!);
}
