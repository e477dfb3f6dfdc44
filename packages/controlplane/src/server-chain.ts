import { Container, type interfaces } from 'inversify';
import {
  APIResourceConfigSourceKey, AuthenticatorKey, createStorageBackend, GenericAPIServer, GenericAPIServerKey, RESTOptionsGetter, ServerRunOptions as ServerRunOptionsKey,
  StorageBackend, StorageFactoryRestOptionsFactory, groupResourceString, storageWithCacher, undecoratedStorage,
  type GroupResource, type StorageDecorator,
} from '@kapi/apiserver-core';
import { registryAppsModule } from '@kapi/registry-apps';
import { registryAuthorizationModule } from '@kapi/registry-authorization';
import { registryCoreModule } from '@kapi/registry-core';
import { buildAuthenticator } from './authentication/build-authenticator';
import { ensureSystemNamespaces } from './bootstrap-controller';
import { enabledControllers, knownControllers } from './controllers';
import { Instance } from './instance';
import type { ServerRunOptions } from './options';
import { loadGroupModules } from './plugins/load-group-modules';
import { newRuntimeConfigSource } from './runtime-config';
import { knownStorageBackends, storageConfigFrom } from './storage-backends';
import { resolveSecureServing, type SecureServingConfig } from './secure-serving/secure-serving-config';

export interface ServerChain {
  container: Container;
  instance: Instance;
  server: GenericAPIServer;
  backend: StorageBackend;
  /** The TLS listener's certificates and the CAs behind them (admin kubeconfigs are signed with `signingCA`). */
  secureServing: SecureServingConfig;
}

/** The group packages kapi ships; --plugin modules come on top. */
export const builtinGroupModules: interfaces.ContainerModule[] = [registryCoreModule, registryAppsModule, registryAuthorizationModule];

/**
 * CreateServerChain: storage backend → container (core bindings, group modules, plugins) →
 * Instance installing every provider into a GenericAPIServer, plus the bootstrap hook.
 */
export async function createServerChain(opts: ServerRunOptions, modules: interfaces.ContainerModule[] = builtinGroupModules): Promise<ServerChain> {
  const secureServing = await resolveSecureServing(opts);
  // Authentication: x509 from the client CA, then the bearer-token authenticators (token file,
  // service-account tokens, OIDC …) once they exist, anonymous last. Authorization stays
  // AlwaysAllow (no authorizer given) until --authorization-mode builds the authorizer union here.
  const authenticator = buildAuthenticator({ anonymous: opts.anonymousAuth, clientCA: secureServing.clientCA, tokenAuthenticators: [] });
  const config = storageConfigFrom(opts);
  const backend = await createStorageBackend(config, knownStorageBackends);
  try {
    const container = new Container();
    container.bind(ServerRunOptionsKey).toConstantValue(opts);
    container.bind(StorageBackend).toConstantValue(backend);
    container.bind(RESTOptionsGetter).toConstantValue(new StorageFactoryRestOptionsFactory({
      config,
      backend,
      decoratorFor: watchCacheDecorators(opts),
      enableGarbageCollection: opts.enableGarbageCollector,
    }));
    container.bind(APIResourceConfigSourceKey).toConstantValue(newRuntimeConfigSource(opts.runtimeConfig));
    container.bind(AuthenticatorKey).toConstantValue(authenticator);
    container.bind(GenericAPIServerKey).toConstantValue(new GenericAPIServer({
      secureServing: secureServing.info,
      insecurePort: opts.port,
      authentication: { authenticator },
      maxRequestBodyBytes: opts.maxRequestBodyBytes,
      maxRequestsInFlight: opts.maxRequestsInFlight,
      maxMutatingRequestsInFlight: opts.maxMutatingRequestsInFlight,
      requestTimeoutMs: opts.requestTimeoutMs,
      logLevel: opts.logLevel,
    }));
    container.bind(Instance).toSelf().inSingletonScope();
    loadGroupModules(container, modules);
    const instance = container.get(Instance);
    await instance.installAPIs();
    const server = instance.genericAPIServer;
    server.addReadyzChecks({ name: `${backend.type === 'etcd3' ? 'etcd' : backend.type}`, check: () => backend.healthCheck() });
    server.addHealthChecks({ name: backend.type === 'etcd3' ? 'etcd' : backend.type, check: () => backend.healthCheck() });
    server.addPostStartHook('bootstrap-controller', () => ensureSystemNamespaces(instance.groups.get('')));
    for (const name of enabledControllers(opts.controllers ?? ['*'])) {
      const controller = knownControllers[name](instance.groups);
      server.addPostStartHook(`start-${name}-controller`, () => controller.start());
      server.addPreShutdownHook(`stop-${name}-controller`, () => controller.stop());
    }
    return { container, instance, server, backend, secureServing };
  } catch (err) {
    await backend.destroy();
    throw err;
  }
}

/** Shuts the server down, then destroys the backend exactly once. */
export async function shutdownServerChain(chain: ServerChain): Promise<void> {
  await chain.server.shutdown();
  await chain.backend.destroy();
}

/** --watch-cache and --watch-cache-sizes: StorageWithCacher per resource; a size of 0 leaves that resource uncached. */
export function watchCacheDecorators(opts: Pick<ServerRunOptions, 'watchCache' | 'watchCacheSizes'>): (resource: GroupResource) => StorageDecorator {
  return (resource) => {
    const size = opts.watchCacheSizes[groupResourceString(resource)];
    if (!opts.watchCache || size === 0) return undecoratedStorage;
    return storageWithCacher({ cacheSize: size });
  };
}
