import type * as Controlplane from '@kapi/controlplane';

/**
 * @kapi/controlplane, loaded on first use: it brings every group, both storage backends and the
 * admission plugins (seconds on a busy machine), which `kapi server --help` and `--version` — and
 * envtest's probe of them — must not pay for. Flag parsing reaches it only to build the options.
 */
export function controlplane(): typeof Controlplane {
  return require('@kapi/controlplane') as typeof Controlplane;
}
