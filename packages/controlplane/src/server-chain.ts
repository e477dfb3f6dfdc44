import { Container, type interfaces } from 'inversify';
import {
  APIResourceConfigSourceKey, TokenAuthenticatorKey, createStorageBackend, GenericAPIServer, GenericAPIServerKey, RESTOptionsGetter, ServerRunOptions as ServerRunOptionsKey,
  StorageBackend, StorageFactoryRestOptionsFactory, groupResourceString, storageWithCacher, undecoratedStorage,
  type GroupResource, type StorageDecorator, newAuditConfig,
} from '@kapi/apiserver-core';
import { registryAppsModule } from '@kapi/registry-apps';
import { registryAuthenticationModule } from '@kapi/registry-authentication';
import { registryAuthorizationModule } from '@kapi/registry-authorization';
import { registryCoreModule } from '@kapi/registry-core';
import { buildTokenAuthenticator } from './authenticator/token-authenticator';
import { registryRbacModule } from '@kapi/registry-rbac';
import { ensureSystemNamespaces } from './bootstrap-controller';
import { enabledControllers, knownControllers } from './controllers';
import { Instance } from './instance';
import type { ServerRunOptions } from './options';
import { loadGroupModules } from './plugins/load-group-modules';
import { newRuntimeConfigSource } from './runtime-config';
import { knownStorageBackends, storageConfigFrom } from './storage-backends';

export interface ServerChain {
  container: Container;
  instance: Instance;
  server: GenericAPIServer;
  backend: StorageBackend;
}

/** The group packages kapi ships; --plugin modules come on top. */
export const builtinGroupModules: interfaces.ContainerModule[] = [
  registryCoreModule, registryAppsModule, registryAuthenticationModule, registryAuthorizationModule, registryRbacModule,
];

/**
 * CreateServerChain: storage backend → container (core bindings, group modules, plugins) →
 * Instance installing every provider into a GenericAPIServer, plus the bootstrap hook.
 */
export async function createServerChain(opts: ServerRunOptions, modules: interfaces.ContainerModule[] = builtinGroupModules): Promise<ServerChain> {
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
    // A bad policy file, log path or webhook kubeconfig stops start-up here, as in kube-apiserver.
    const audit = opts.audit ? newAuditConfig(opts.audit, opts.logLevel) : undefined;
    container.bind(GenericAPIServerKey).toConstantValue(new GenericAPIServer({
      maxRequestBodyBytes: opts.maxRequestBodyBytes,
      maxRequestsInFlight: opts.maxRequestsInFlight,
      maxMutatingRequestsInFlight: opts.maxMutatingRequestsInFlight,
      requestTimeoutMs: opts.requestTimeoutMs,
      logLevel: opts.logLevel,
      audit,
    }));
    // The token authenticators of the flags: TokenReview answers with them (bearer authentication wraps them too).
    const tokenAuthenticator = buildTokenAuthenticator(opts);
    if (tokenAuthenticator) container.bind(TokenAuthenticatorKey).toConstantValue(tokenAuthenticator);
    container.bind(Instance).toSelf().inSingletonScope();
    loadGroupModules(container, modules);
    const instance = container.get(Instance);
    await instance.installAPIs();
    const server = instance.genericAPIServer;
    server.addReadyzChecks({ name: `${backend.type === 'etcd3' ? 'etcd' : backend.type}`, check: () => backend.healthCheck() });
    server.addHealthChecks({ name: backend.type === 'etcd3' ? 'etcd' : backend.type, check: () => backend.healthCheck() });
    if (audit) server.addPreShutdownHook('audit-backend', () => audit.backend.shutdown());
    server.addPostStartHook('bootstrap-controller', () => ensureSystemNamespaces(instance.groups.get('')));
    for (const name of enabledControllers(opts.controllers ?? ['*'])) {
      const controller = knownControllers[name](instance.groups);
      server.addPostStartHook(`start-${name}-controller`, () => controller.start());
      server.addPreShutdownHook(`stop-${name}-controller`, () => controller.stop());
    }
    return { container, instance, server, backend };
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
