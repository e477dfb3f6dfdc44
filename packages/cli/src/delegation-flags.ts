import type { ServerRunOptions } from '@kapi/controlplane';

/** k8s.io/apiserver's delegating authentication and authorization flags (an extension apiserver's). */
export const delegationFlagSpec = {
  'authentication-kubeconfig': {
    type: 'string',
    description:
      "kubeconfig file pointing at the 'core' kubernetes server with enough rights to create tokenreviews.authentication.k8s.io. The client and front-proxy CAs are read from kube-system/extension-apiserver-authentication there unless given as flags.",
  },
  'authorization-kubeconfig': {
    type: 'string',
    description:
      "kubeconfig file pointing at the 'core' kubernetes server with enough rights to create subjectaccessreviews.authorization.k8s.io. Replaces --authorization-mode with a Webhook to it.",
  },
} as const;

export function applyDelegationFlags(values: Record<string, string | string[] | boolean | undefined>, opts: ServerRunOptions): void {
  const authn = values['authentication-kubeconfig'] as string | undefined;
  const authz = values['authorization-kubeconfig'] as string | undefined;
  if (authn === undefined && authz === undefined) return;
  opts.delegation = { authenticationKubeconfig: authn, authorizationKubeconfig: authz };
}
