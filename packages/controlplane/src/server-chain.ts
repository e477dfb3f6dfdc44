import { Container, type interfaces } from 'inversify';
import {
  APIResourceConfigSourceKey, AuthenticatorKey, AuthorizerKey, RuleResolverKey, TokenAuthenticatorKey, createStorageBackend, GenericAPIServer,
  GenericAPIServerKey, RESTOptionsGetter, ServerRunOptions as ServerRunOptionsKey,
  StorageBackend, StorageFactoryRestOptionsFactory, groupResourceString, storageWithCacher, undecoratedStorage,
  type Authorizer, type GroupResource, type RuleResolver, type StorageDecorator, newAuditConfig,
} from '@kapi/apiserver-core';
import { registryAppsModule } from '@kapi/registry-apps';
import { registryAuthenticationModule } from '@kapi/registry-authentication';
import { registryAuthorizationModule } from '@kapi/registry-authorization';
import { registryCoreModule } from '@kapi/registry-core';
import { rbacAuthorizerFor, registryRbacModule } from '@kapi/registry-rbac';
import { buildServerAuthentication, installServiceAccountDiscovery } from './authentication';
import { buildAuthorizer, nodeGraphSourceFromGroups } from './authorizer';
import { ensureSystemNamespaces } from './bootstrap-controller';
import { newEncryptionAtRest } from './encryption/encryption-at-rest';
import { enabledControllers, knownControllers } from './controllers';
import { Instance } from './instance';
import type { ServerRunOptions } from './options';
import { apiExtensionsModule } from './apiextensions/apiextensions-module';
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
  /** Releases the authorizer's connections (the webhook's); requests are authorized until the server has drained. */
  closeAuthorizer(): void;
}

/** The group packages kapi ships; --plugin modules come on top. */
export const builtinGroupModules: interfaces.ContainerModule[] = [
  registryCoreModule, registryAppsModule, registryAuthenticationModule, registryAuthorizationModule, registryRbacModule, apiExtensionsModule,
];

/**
 * CreateServerChain: storage backend → container (core bindings, group modules, plugins) →
 * Instance installing every provider into a GenericAPIServer, plus the bootstrap hook.
 */
export async function createServerChain(opts: ServerRunOptions, modules: interfaces.ContainerModule[] = builtinGroupModules): Promise<ServerChain> {
  const secureServing = await resolveSecureServing(opts);
  const config = storageConfigFrom(opts);
  // Before storage opens: a bad encryption config must stop start-up without touching the data.
  const encryption = newEncryptionAtRest(opts);
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
      transformerFor: encryption?.transformerFor,
    }));
    container.bind(APIResourceConfigSourceKey).toConstantValue(newRuntimeConfigSource(opts.runtimeConfig));
    // The stores the authenticators and authorizers read, once Instance has installed them.
    const groups = () => container.get(Instance).groups;
    // A bad policy file, log path, token file or webhook kubeconfig stops start-up here, as in kube-apiserver.
    const audit = opts.audit ? newAuditConfig(opts.audit, opts.logLevel) : undefined;
    const authn = buildServerAuthentication(opts, secureServing.clientCA, groups);
    container.bind(AuthenticatorKey).toConstantValue(authn.authenticator);
    if (authn.tokens) container.bind(TokenAuthenticatorKey).toConstantValue(authn.tokens);
    // --authorization-mode: the union the handler chain, impersonation and the review resources use.
    // Without the rbac.authorization.k8s.io API there are no roles: RBAC then allows nobody (system:masters still passes).
    let rbacAuthorizer: (Authorizer & RuleResolver) | undefined;
    const rbac = () => (rbacAuthorizer ??= rbacAuthorizerFor(groups()) ?? noRolesAuthorizer);
    const authz = buildAuthorizer(opts.authorization, { nodeGraph: nodeGraphSourceFromGroups(groups), rbac });
    container.bind(AuthorizerKey).toConstantValue(authz.authorizer);
    container.bind(RuleResolverKey).toConstantValue(authz.ruleResolver);
    container.bind(GenericAPIServerKey).toConstantValue(new GenericAPIServer({
      secureServing: secureServing.info,
      insecurePort: opts.port,
      authentication: { authenticator: authn.authenticator },
      authorizer: authz.authorizer,
      maxRequestBodyBytes: opts.maxRequestBodyBytes,
      maxRequestsInFlight: opts.maxRequestsInFlight,
      maxMutatingRequestsInFlight: opts.maxMutatingRequestsInFlight,
      requestTimeoutMs: opts.requestTimeoutMs,
      shutdownDelayMs: opts.shutdownDelayMs,
      sendRetryAfter: opts.shutdownSendRetryAfter,
      watchTerminationGracePeriodMs: opts.shutdownWatchTerminationGracePeriodMs,
      minRequestTimeoutSeconds: opts.minRequestTimeoutSeconds,
      logLevel: opts.logLevel,
      audit,
    }));
    container.bind(Instance).toSelf().inSingletonScope();
    loadGroupModules(container, modules);
    const instance = container.get(Instance);
    // The system namespaces come first among the post-start hooks: the RBAC bootstrap writes Roles into kube-system.
    instance.genericAPIServer.addPostStartHook('bootstrap-controller', () => ensureSystemNamespaces(instance.groups.get('')));
    encryption?.install(instance.genericAPIServer);
    await instance.installAPIs();
    // Resolving RBAC starts its informer now, so that it has synced when the server reports ready.
    if (opts.authorization.modes.includes('RBAC')) rbac();
    const server = instance.genericAPIServer;
    installServiceAccountDiscovery(server, opts);
    server.addReadyzChecks({ name: `${backend.type === 'etcd3' ? 'etcd' : backend.type}`, check: () => backend.healthCheck() });
    server.addHealthChecks({ name: backend.type === 'etcd3' ? 'etcd' : backend.type, check: () => backend.healthCheck() });
    for (const name of enabledControllers(opts.controllers ?? ['*'])) {
      const controller = knownControllers[name](instance.groups);
      server.addPostStartHook(`start-${name}-controller`, () => controller.start());
      server.addPreShutdownHook(`stop-${name}-controller`, () => controller.stop());
    }
    return { container, instance, server, backend, secureServing, closeAuthorizer: () => authz.close() };
  } catch (err) {
    await backend.destroy();
    throw err;
  }
}

/** Shuts the server down (drained requests are still authorized), then destroys the backend exactly once. */
export async function shutdownServerChain(chain: ServerChain): Promise<void> {
  await chain.server.shutdown();
  chain.closeAuthorizer();
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

/** RBAC on a server that does not serve its API: no role binds anyone. */
const noRolesAuthorizer: Authorizer & RuleResolver = {
  authorize: () => ({ decision: 'NoOpinion', reason: 'RBAC: the rbac.authorization.k8s.io API is not served' }),
  rulesFor: () => ({ resourceRules: [], nonResourceRules: [], incomplete: false }),
};
