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
/** kmsv2PluginHealthzNegativeInterval: how often a failing plugin is asked again. */
const kmsFailingProbeIntervalMs = 10_000;

/**
 * EtcdOptions.ApplyWithStorageFactoryTo's encryption part: a bad file stops start-up with
 * kube's message. Static configs give each named resource its transformer once; with automatic
 * reload every resource gets a DynamicTransformers view, so a later rule can take over any resource.
 */
export function newEncryptionAtRest(opts: Pick<ServerRunOptions, 'encryptionProviderConfig' | 'encryptionProviderConfigAutomaticReload'>): EncryptionAtRest | undefined {
  const filepath = opts.encryptionProviderConfig;
  if (!filepath) return undefined;
  const loadOptions = { kmsv2WriteDEKSourceMaxTTLMs: positiveMsFromEnv('KAPI_KMSV2_WRITE_DEK_SOURCE_MAX_TTL_MS') };
  const loaded = storage.loadEncryptionConfig(filepath, loadOptions);
  if (!opts.encryptionProviderConfigAutomaticReload) {
    return {
      transformerFor: (gr) => loaded.transformerForResource(gr),
      install(server) {
        for (const w of loaded.warnings) server.logger.warn(w);
        // One check per KMS provider, named as kube names them; none without KMS.
        loaded.kmsProviders.forEach((p, i) => {
          const check = {
            name: `kms-provider-${i}`,
            check: async () => {
              await p.probe();
            },
          };
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
      for (const w of loaded.warnings) server.logger.warn(w);
      const controller = new storage.EncryptionConfigReloadController({
        filepath,
        transformers: dynamic,
        apiServerID: hostname(),
        registry: server.metrics.registry,
        pollIntervalMs: positiveMsFromEnv('KAPI_ENCRYPTION_CONFIG_POLL_INTERVAL_MS'),
        loadOptions,
        onError: (err) => server.logger.error({ err: err.message }, 'failed to reload the encryption provider configuration; the running providers stay'),
      });
      // With reload kube registers a single `kms-providers` check over whatever providers are current.
      const kmsProviders = {
        name: 'kms-providers',
        check: async () => {
          await Promise.all(dynamic.kmsProviders.map((p) => p.probe()));
        },
      };
      server.addHealthChecks(kmsProviders);
      server.addReadyzChecks(kmsProviders);
      runKMSProbes(server, () => dynamic.kmsProviders);
      server.addPostStartHook('start-encryption-provider-config-automatic-reload', () => controller.start());
      server.addPreShutdownHook('stop-encryption-provider-config-automatic-reload', () => controller.stop());
    },
  };
}

/**
 * primeAndProbeKMSv2: a first probe at start (writes wait for it), then one a minute to follow the
 * plugin's key rotation — and, as kube's, every 10s while probes fail. A KMS v2 seed stays writable
 * for writeDEKSourceMaxTTL after a good probe, so the interval is kept well inside it.
 */
function runKMSProbes(server: GenericAPIServer, providers: () => storage.KMSProvider[]): void {
  if (providers().length === 0) return;
  const ttls = providers().flatMap((p) => (p instanceof storage.KMSv2EnvelopeTransformer ? [p.writeTTLMs] : []));
  const healthyMs = Math.min(kmsProbeIntervalMs, ...ttls.map((t) => t / 3));
  const failingMs = Math.min(kmsFailingProbeIntervalMs, healthyMs);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const probeAll = async () => {
    const results = await Promise.allSettled(providers().map((p) => p.probe()));
    for (const r of results) if (r.status === 'rejected') server.logger.warn({ err: (r.reason as Error).message }, 'kms plugin failed health check probe');
    if (stopped) return;
    timer = setTimeout(() => void probeAll(), results.some((r) => r.status === 'rejected') ? failingMs : healthyMs);
    timer.unref();
  };
  server.addPostStartHook('start-kms-v2-probes', () => {
    void probeAll();
  });
  // The plugin connections stay open while requests drain; the process exit closes them.
  server.addPreShutdownHook('stop-kms-v2-probes', () => {
    stopped = true;
    clearTimeout(timer);
  });
}

/** Test knobs (kube has no flags for them): a positive number of milliseconds, or undefined. */
function positiveMsFromEnv(name: string): number | undefined {
  const ms = Number(process.env[name]);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}
