import { hostname } from 'node:os';
import { storage, type GenericAPIServer, type GroupResource } from '@kapi/apiserver-core';
import type { ServerRunOptions } from '../options';

/** The transformer of each resource, and what the server must run for them (probes, reload). */
export interface EncryptionAtRest {
  transformerFor(resource: GroupResource): storage.Transformer | undefined;
  /** Registers KMS health checks and probes, and with reload its post-start hook and metrics. */
  install(server: GenericAPIServer): void;
}

/** kmsv2PluginHealthzPositiveInterval: how often a healthy KMS v2 plugin is asked for its status (and key ID). */
const kmsProbeIntervalMs = 60_000;

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
    return {
      transformerFor: (gr) => loaded.transformerForResource(gr),
      install(server) {
        // One check per KMS provider, named as kube names them; none without KMS.
        loaded.kmsProviders.forEach((p, i) => {
          const check = { name: `kms-provider-${i}`, check: async () => { await p.probe(); } };
          server.addHealthChecks(check);
          server.addReadyzChecks(check);
        });
        runKMSProbes(server, () => loaded.kmsProviders);
      },
    };
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
      // With reload kube registers a single `kms-providers` check over whatever providers are current.
      const kmsProviders = { name: 'kms-providers', check: async () => { await Promise.all(dynamic.kmsProviders.map((p) => p.probe())); } };
      server.addHealthChecks(kmsProviders);
      server.addReadyzChecks(kmsProviders);
      runKMSProbes(server, () => dynamic.kmsProviders);
      server.addPostStartHook('start-encryption-provider-config-automatic-reload', () => controller.start());
      server.addPreShutdownHook('stop-encryption-provider-config-automatic-reload', () => controller.stop());
    },
  };
}

/** primeAndProbeKMSv2: a first probe at start (writes wait for it), then one a minute, to follow the plugin's key rotation. */
function runKMSProbes(server: GenericAPIServer, providers: () => storage.KMSv2EnvelopeTransformer[]): void {
  if (providers().length === 0) return;
  const probeAll = () => {
    for (const p of providers()) p.probe().catch((err: Error) => server.logger.warn({ err: err.message }, 'KMS v2 probe failed'));
  };
  let timer: NodeJS.Timeout | undefined;
  server.addPostStartHook('start-kms-v2-probes', () => {
    probeAll();
    timer = setInterval(probeAll, kmsProbeIntervalMs);
    timer.unref();
  });
  // The plugin connections stay open while requests drain; the process exit closes them.
  server.addPreShutdownHook('stop-kms-v2-probes', () => clearInterval(timer));
}

/** KAPI_ENCRYPTION_CONFIG_POLL_INTERVAL_MS: kube polls each minute and has no flag; tests want seconds. */
function pollIntervalFromEnv(): number | undefined {
  const ms = Number(process.env.KAPI_ENCRYPTION_CONFIG_POLL_INTERVAL_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}
