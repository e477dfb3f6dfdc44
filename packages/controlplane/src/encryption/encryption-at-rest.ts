import { hostname } from 'node:os';
import { storage, type GenericAPIServer, type GroupResource } from '@kapi/apiserver-core';
import type { ServerRunOptions } from '../options';

/** The transformer of each resource, and the reload controller when the file is watched. */
export interface EncryptionAtRest {
  transformerFor(resource: GroupResource): storage.Transformer | undefined;
  /** Registers the reload post-start hook, its metrics and the `kms-providers` check on the server. */
  install(server: GenericAPIServer): void;
}

/**
 * EtcdOptions.ApplyWithStorageFactoryTo's encryption part: a bad file stops start-up with
 * kube's message. Static configs give each named resource its transformer once; with automatic
 * reload every resource gets a DynamicTransformers view, so a later rule can take over any resource.
 */
export function newEncryptionAtRest(opts: Pick<ServerRunOptions, 'encryptionProviderConfig' | 'encryptionProviderConfigAutomaticReload'>): EncryptionAtRest | undefined {
  const filepath = opts.encryptionProviderConfig;
  if (!filepath) return undefined;
  const loaded = storage.loadEncryptionConfig(filepath);
  if (!opts.encryptionProviderConfigAutomaticReload) {
    return { transformerFor: (gr) => loaded.transformerForResource(gr), install: () => undefined };
  }
  const dynamic = new storage.DynamicTransformers(loaded);
  return {
    transformerFor: (gr) => dynamic.transformerForResource(gr),
    install(server) {
      const controller = new storage.EncryptionConfigReloadController({
        filepath,
        transformers: dynamic,
        apiServerID: hostname(),
        registry: server.metrics.registry,
        pollIntervalMs: pollIntervalFromEnv(),
        onError: (err) => server.logger.error({ err: err.message }, 'failed to reload the encryption provider configuration; the running providers stay'),
      });
      // kube registers one `kms-providers` check when reloading; without KMS providers it always passes.
      const kmsProviders = { name: 'kms-providers', check: async () => undefined };
      server.addHealthChecks(kmsProviders);
      server.addReadyzChecks(kmsProviders);
      server.addPostStartHook('start-encryption-provider-config-automatic-reload', () => controller.start());
      server.addPreShutdownHook('stop-encryption-provider-config-automatic-reload', () => controller.stop());
    },
  };
}

/** KAPI_ENCRYPTION_CONFIG_POLL_INTERVAL_MS: kube polls each minute and has no flag; tests want seconds. */
function pollIntervalFromEnv(): number | undefined {
  const ms = Number(process.env.KAPI_ENCRYPTION_CONFIG_POLL_INTERVAL_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}
