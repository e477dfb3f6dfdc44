import { Container, type interfaces } from 'inversify';
import {
  APIResourceConfigSourceKey,
  AuthenticatorKey,
  AuthorizerKey,
  RuleResolverKey,
  TokenAuthenticatorKey,
  createStorageBackend,
  GenericAPIServer,
  GenericAPIServerKey,
  StorageFactoryRestOptionsFactory,
  groupResourceString,
  storageWithCacher,
  undecoratedStorage,
  type Authorizer,
  type GroupResource,
  type RuleResolver,
  type StorageDecorator,
  newAuditConfig,
  DiscoveryState,
  SchemaRegistry,
  installStorageSizeMetrics,
  type StorageBackend,
  bindService,
  getService,
  StorageBackendKey,
  RESTOptionsGetterKey,
  ServerRunOptionsKey,
} from '@kapi/apiserver-core';
import { CustomResourceDefinitions } from '@kapi/apiextensions-apiserver';
import { registryAppsModule } from '@kapi/registry-apps';
import { registryAuthenticationModule } from '@kapi/registry-authentication';
import { registryAuthorizationModule } from '@kapi/registry-authorization';
import { registryAutoscalingModule } from '@kapi/registry-autoscaling';
import { registryCoordinationModule } from '@kapi/registry-coordination';
import { registryCoreModule } from '@kapi/registry-core';
import { registryDiscoveryModule } from '@kapi/registry-discovery';
import { registryEventsModule } from '@kapi/registry-events';
import { registryNetworkingModule } from '@kapi/registry-networking';
import { registryPolicyModule } from '@kapi/registry-policy';
import { admissionPluginsModule } from '@kapi/admission-plugins';
import { registryAdmissionRegistrationModule } from '@kapi/registry-admissionregistration';
import { rbacAuthorizerFor, registryRbacModule } from '@kapi/registry-rbac';
import { registryBatchModule } from '@kapi/registry-batch';
import { registryNodeModule } from '@kapi/registry-node';
import { registrySchedulingModule } from '@kapi/registry-scheduling';
import { registryStorageModule } from '@kapi/registry-storage';
import { registryCertificatesModule } from '@kapi/registry-certificates';
import { registryFlowcontrolModule } from '@kapi/registry-flowcontrol';
import { installAggregator, kubeAggregatorModule } from '@kapi/kube-aggregator';
import { localGroupVersions } from './aggregator';
import { withDelegation } from './delegation/delegating-options';
import { buildServerAuthentication, installServiceAccountDiscovery } from './authentication';
import { buildAuthorizer, nodeGraphSourceFromGroups } from './authorizer';
import { ensureSystemNamespaces } from './bootstrap-controller';
import { installClusterAuthenticationTrust } from './cluster-authentication-trust';
import { newEncryptionAtRest } from './encryption/encryption-at-rest';
import { garbageCollectorEnabled, type ControllerManager } from './controllers';
import { newControllerManager } from './controllers/new-controller-manager';
import { buildAdmission, storageLookupFromGroups } from './admission/build-admission';
import { endpointServiceResolver } from './admission/service-resolver';
import { Instance } from './instance';
import { reconcileKubernetesEndpointSlice } from './kubernetes-endpointslice';
import { LiveGroups } from './live-groups';
import type { ServerRunOptions } from './options';
import { loadGroupModules } from './plugins/load-group-modules';
import { newRuntimeConfigSource } from './runtime-config';
import { knownStorageBackends, storageConfigFrom } from './storage-backends';
import { resolveSecureServing, type SecureServingConfig } from './secure-serving/secure-serving-config';

export interface ServerChain {
  container: Container;
  instance: Instance;
  /** The front link: the kube API server, delegating to `apiExtensions`. */
  server: GenericAPIServer;
  /** The apiextensions link: CRDs and the custom resources they define. */
  apiExtensions: CustomResourceDefinitions;
  backend: StorageBackend;
  /** The TLS listener's certificates and the CAs behind them (admin kubeconfigs are signed with `signingCA`). */
  secureServing: SecureServingConfig;
  /** The in-process controllers (--controllers) and their leader election. */
  controllers: ControllerManager;
  /** Releases the authorizer's connections (the webhook's); requests are authorized until the server has drained. */
  closeAuthorizer(): void;
}

/** The group packages kapi ships; --plugin modules come on top. */
export const builtinGroupModules: interfaces.ContainerModule[] = [
  registryCoreModule,
  registryAppsModule,
  registryEventsModule,
  registryAuthenticationModule,
  registryAuthorizationModule,
  registryAutoscalingModule,
  registryBatchModule,
  registryCertificatesModule,
  registryNetworkingModule,
  registryPolicyModule,
  registryRbacModule,
  registryStorageModule,
  registryAdmissionRegistrationModule,
  registrySchedulingModule,
  registryCoordinationModule,
  registryNodeModule,
  registryDiscoveryModule,
  registryFlowcontrolModule,
  admissionPluginsModule,
  kubeAggregatorModule,
];

/**
 * CreateServerChain: storage backend → container (core bindings, group modules, plugins) → the
 * links of the seeds' chain, each a GenericAPIServer delegating what it does not serve to the next:
 *
 *   aggregator (@kapi/kube-aggregator: apiregistration among the groups, its proxy handler in front of
 *   the delegate) → kube API server (Instance: built-in groups and plugins)
 *     → apiextensions server (CRDs, custom resources) → NotFound
 *
 * The front link runs the filters and listens; the links behind it contribute their routes,
 * post-start and pre-shutdown hooks and health checks, and are destroyed after it drained. The
 * links share one discovery state and schema registry, which the aggregator would otherwise merge.
 */
export async function createServerChain(options: ServerRunOptions, modules: interfaces.ContainerModule[] = builtinGroupModules): Promise<ServerChain> {
  // An extension server's delegated authentication and authorization become ordinary webhook and request-header settings.
  const opts = await withDelegation(options);
  const secureServing = await resolveSecureServing(opts);
  const config = storageConfigFrom(opts);
  // Before storage opens: a bad encryption config must stop start-up without touching the data.
  const encryption = newEncryptionAtRest(opts);
  const backend = opts.embedding?.storageBackend ? await opts.embedding.storageBackend(config) : await createStorageBackend(config, knownStorageBackends);
  try {
    const container = new Container();
    bindService(container, ServerRunOptionsKey).toConstantValue(opts);
    bindService(container, StorageBackendKey).toConstantValue(backend);
    bindService(container, RESTOptionsGetterKey).toConstantValue(
      new StorageFactoryRestOptionsFactory({
        config,
        backend,
        decoratorFor: watchCacheDecorators(opts),
        // kube-apiserver's --enable-garbage-collector: the registry adds the finalizers the collector removes.
        enableGarbageCollection: opts.enableGarbageCollector ?? garbageCollectorEnabled(opts.controllers ?? ['*']),
        transformerFor: encryption?.transformerFor,
        clock: opts.embedding?.clock,
      }),
    );
    const apiResourceConfig = newRuntimeConfigSource(opts.runtimeConfig);
    bindService(container, APIResourceConfigSourceKey).toConstantValue(apiResourceConfig);
    // The stores the authenticators and authorizers read, once Instance has installed them.
    // Resolved once (Instance is a singleton): these run per request (admission's storage lookup,
    // authenticators), where inversify's container.get cost ~4 % of a create's CPU.
    let resolved: Instance | undefined;
    const groups = () => (resolved ??= container.get(Instance)).groups;
    // A bad policy file, log path, token file or webhook kubeconfig stops start-up here, as in kube-apiserver.
    const audit = opts.audit ? newAuditConfig(opts.audit, opts.logLevel) : undefined;
    const authn = buildServerAuthentication(opts, secureServing.clientCA, groups);
    bindService(container, AuthenticatorKey).toConstantValue(authn.authenticator);
    if (authn.tokens) bindService(container, TokenAuthenticatorKey).toConstantValue(authn.tokens);
    // --authorization-mode: the union the handler chain, impersonation and the review resources use.
    // Without the rbac.authorization.k8s.io API there are no roles: RBAC then allows nobody (system:masters still passes).
    let rbacAuthorizer: (Authorizer & RuleResolver) | undefined;
    const rbac = () => (rbacAuthorizer ??= rbacAuthorizerFor(groups()) ?? noRolesAuthorizer);
    const authz = buildAuthorizer(opts.authorization, { nodeGraph: nodeGraphSourceFromGroups(groups), rbac });
    bindService(container, AuthorizerKey).toConstantValue(authz.authorizer);
    bindService(container, RuleResolverKey).toConstantValue(authz.ruleResolver);
    const discovery = new DiscoveryState();
    const schemas = new SchemaRegistry();
    // createAPIExtensionsServer: the link behind the kube API server.
    const apiExtensions = new CustomResourceDefinitions({
      genericConfig: {
        maxRequestBodyBytes: opts.maxRequestBodyBytes,
        minRequestTimeoutSeconds: opts.minRequestTimeoutSeconds,
        logLevel: opts.logLevel,
        discovery,
        schemas,
      },
      restOptionsGetter: getService(container, RESTOptionsGetterKey),
      apiResourceConfig,
      // Conversion webhooks by service resolve as admission webhooks do (one resolver, kube's ClientManager).
      serviceResolver: () => endpointServiceResolver(storageLookupFromGroups(groups)),
    });
    bindService(container, GenericAPIServerKey).toConstantValue(
      new GenericAPIServer({
        delegationTarget: apiExtensions.delegationTarget(),
        discovery,
        schemas,
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
        innerFilters: opts.embedding?.innerFilters,
      }),
    );
    container.bind(Instance).toSelf().inSingletonScope();
    loadGroupModules(container, modules);
    const instance = container.get(Instance);
    // --enable/--disable-admission-plugins and the config file: a bad one stops start-up before anything is served.
    // One chain for every link: CRDs and custom resources are admitted as built-in resources are.
    const admission = await buildAdmission(container, opts.admission, groups);
    instance.genericAPIServer.setAdmission(admission);
    apiExtensions.genericAPIServer.setAdmission(admission);
    // The system namespaces come first among the post-start hooks: the RBAC bootstrap writes Roles into kube-system.
    instance.genericAPIServer.addPostStartHook('bootstrap-controller', () => ensureSystemNamespaces(instance.groups.get('')));
    encryption?.install(instance.genericAPIServer);
    await instance.installAPIs();
    // After the kubernetes service's hook, which installAPIs registered: the slice mirrors its Endpoints.
    instance.genericAPIServer.addPostStartHook('bootstrap-controller-kubernetes-endpointslice', () => reconcileKubernetesEndpointSlice(instance.groups));
    apiExtensions.installAPIs();
    // Resolving RBAC starts its informer now, so that it has synced when the server reports ready.
    if (opts.authorization.modes.includes('RBAC')) rbac();
    const server = instance.genericAPIServer;
    installServiceAccountDiscovery(server, opts);
    installClusterAuthenticationTrust(server, () => instance.groups, opts, secureServing.clientCA);
    server.addReadyzChecks({ name: `${backend.type === 'etcd3' ? 'etcd' : backend.type}`, check: () => backend.healthCheck() });
    server.addHealthChecks({ name: backend.type === 'etcd3' ? 'etcd' : backend.type, check: () => backend.healthCheck() });
    installStorageSizeMetrics(server.metrics.registry, backend);
    // The controllers see every link's resources: the built-in groups and the served custom resources.
    const allGroups = new LiveGroups(() => [instance.groups, apiExtensions.handler.groupInfos()]);
    // The aggregator's controllers and proxy; it serves apiregistration.k8s.io among the kube API server's groups.
    installAggregator({
      ...opts.aggregator,
      server,
      discovery,
      groups: allGroups,
      localGroupVersions: () => localGroupVersions(instance.groups, apiExtensions.handler.groupInfos(), [...(discovery.groups.get('apiextensions.k8s.io')?.keys() ?? [])]),
    });
    const controllers = newControllerManager(opts, allGroups, server, secureServing.servingCA ?? secureServing.clientCA);
    server.addPostStartHook('start-controllers', () => controllers.start());
    server.addPreShutdownHook('stop-controllers', () => controllers.stop());
    return { container, instance, server, apiExtensions, backend, secureServing, controllers, closeAuthorizer: () => authz.close() };
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
