import type { ServerRunOptions } from '@kapi/controlplane';

/** kube-apiserver's encryption-at-rest flags (EtcdOptions). */
export const encryptionFlagSpec = {
  'encryption-provider-config': {
    type: 'string',
    description: 'An EncryptionConfiguration file (apiserver.config.k8s.io/v1): the providers that encrypt the resources it names before they are stored.',
  },
  'encryption-provider-config-automatic-reload': {
    type: 'string',
    bool: true,
    description:
      'Watch the --encryption-provider-config file and apply a changed, valid file without a restart; an invalid one is reported and the running providers stay. (default false)',
  },
} as const;

export function applyEncryptionFlags(opts: ServerRunOptions, str: (name: string) => string | undefined, bool: (name: string, dflt: boolean) => boolean): void {
  opts.encryptionProviderConfig = str('encryption-provider-config') || undefined;
  opts.encryptionProviderConfigAutomaticReload = bool('encryption-provider-config-automatic-reload', false);
  if (opts.encryptionProviderConfigAutomaticReload && !opts.encryptionProviderConfig) {
    throw new Error('--encryption-provider-config-automatic-reload must be set with --encryption-provider-config');
  }
}
