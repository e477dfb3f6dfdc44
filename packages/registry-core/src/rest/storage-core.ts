import { inject, injectable, optional } from 'inversify';
import {
  apiAudiencesOf,
  GenericAPIServerKey,
  storage,
  newDefaultAPIGroupInfo,
  newDefinedStore,
  newResourceStorage,
  type APIGroupInfo,
  type ResourceDefinition,
  type ResourceSchema,
  type Store,
  type GenericAPIServer,
  type APIResourceConfigSource,
  type ResourceStorageMap,
  type RESTOptionsGetter,
  type RESTStorageProvider,
  type Storage,
  ServerRunOptionsKey,
} from '@kapi/apiserver-core';
import { PodDisruptionBudgetClientLookupKey, type PodDisruptionBudgetClientLookup } from '../pod/disruption-budgets';
import { newPodStorage } from '../pod/storage';
import { reconcileKubernetesService, removeMasterEndpoint } from '../service/bootstrap';
import { MasterLeases, masterLeaseTTLSeconds } from '../service/master-leases';
import { newServiceStorage } from '../service/storage';
import { loadSigningKey, type SigningKey } from '../serviceaccount/signing-key';
import { TokenREST } from '../serviceaccount/token';
import { ComponentStatusREST } from '../componentstatus/rest';
import { podSchema } from '../pod/schema';
import { serviceSchema } from '../service/schema';
import { componentStatusSchema } from '../componentstatus/schema';
import { configMapDefinition } from '../configmap/definition';
import { endpointsDefinition } from '../endpoints/definition';
import { eventDefinition } from '../event/definition';
import { limitRangeDefinition } from '../limitrange/definition';
import { namespaceDefinition } from '../namespace/definition';
import { nodeDefinition } from '../node/definition';
import { persistentVolumeDefinition } from '../persistentvolume/definition';
import { persistentVolumeClaimDefinition } from '../persistentvolumeclaim/definition';
import { podTemplateDefinition } from '../podtemplate/definition';
import { replicationControllerDefinition } from '../replicationcontroller/definition';
import { resourceQuotaDefinition } from '../resourcequota/definition';
import { secretDefinition } from '../secret/definition';
import { serviceAccountDefinition } from '../serviceaccount/definition';
import { legacyConfigFrom, type LegacyRESTStorageConfig } from './legacy-config';

/**
 * LegacyRESTStorageProvider (pkg/registry/core/rest/storage_core.go): one RESTStorage per resource
 * of the legacy group, put into the v1 storage map that installLegacyAPI serves at /api/v1.
 */
@injectable()
export class LegacyRESTStorageProvider implements RESTStorageProvider {
  readonly groupName = '';
  protected readonly config: LegacyRESTStorageConfig;
  private readonly hooks: { name: string; hook: () => Promise<void> }[] = [];
  private readonly shutdownHooks: { name: string; hook: () => Promise<void> }[] = [];
  private endpointReconcilerStopped = false;

  constructor(
    @inject(ServerRunOptionsKey) @optional() options?: Partial<LegacyRESTStorageConfig>,
    @inject(GenericAPIServerKey) @optional() private readonly server?: GenericAPIServer,
    @inject(PodDisruptionBudgetClientLookupKey) @optional() private readonly disruptionBudgets?: PodDisruptionBudgetClientLookup,
  ) {
    this.config = legacyConfigFrom(options);
  }

  private signingKeyPromise?: Promise<SigningKey>;

  /** Loaded (or generated) on first use, so a server that issues no tokens writes no key. */
  private signingKey(): Promise<SigningKey> {
    this.signingKeyPromise ??= loadSigningKey(this.config.serviceAccountSigningKeyFile, this.config.dataDir);
    this.signingKeyPromise.catch(() => (this.signingKeyPromise = undefined));
    return this.signingKeyPromise;
  }

  /**
   * --endpoint-reconciler-type=lease: the leases every instance keeps under /masterleases/, in the
   * endpoints' raw storage (kube's storagefactory.Create for "endpoints", no watch cache).
   */
  private masterLeases(getter: RESTOptionsGetter): MasterLeases | undefined {
    if (this.config.endpointReconcilerType !== 'lease') return undefined;
    const raw = storage.createRawStorage(getter.getRESTOptions({ group: '', resource: 'endpoints' }).storageConfig);
    return new MasterLeases(raw, masterLeaseTTLSeconds(this.config.endpointReconcilerIntervalMs));
  }

  postStartHooks(): { name: string; hook: () => Promise<void> }[] {
    return this.hooks;
  }

  preShutdownHooks(): { name: string; hook: () => Promise<void> }[] {
    return this.shutdownHooks;
  }

  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter): APIGroupInfo {
    const gv = { group: '', version: 'v1' };
    const info = newDefaultAPIGroupInfo(gv.group, gv.version);
    if (!source.versionEnabled(gv)) return info;
    const storage: ResourceStorageMap = {};
    const add = (resource: string, paths: Record<string, Storage>) => {
      if (!source.resourceEnabled(gv, resource)) return;
      for (const [sub, s] of Object.entries(paths)) storage[sub ? `${resource}/${sub}` : resource] = s;
    };
    // A defined resource: its paths from the helper; its Store for the resources that read it.
    const schemas: ResourceSchema[] = [];
    const defined = (def: ResourceDefinition): Store => {
      const store = newDefinedStore(def, getter);
      if (def.schema) schemas.push(def.schema);
      if (source.resourceEnabled(gv, def.plural)) Object.assign(storage, newResourceStorage(def, store, gv.version, getter));
      return store;
    };

    const nodes = defined(nodeDefinition);
    const podStorage = newPodStorage(getter, nodes, this.disruptionBudgets);

    add('pods', {
      '': podStorage.pod,
      status: podStorage.status,
      binding: podStorage.binding,
      eviction: podStorage.eviction,
      ephemeralcontainers: podStorage.ephemeralContainers,
      log: podStorage.log,
      exec: podStorage.exec,
      attach: podStorage.attach,
      portforward: podStorage.portForward,
      proxy: podStorage.proxy,
    });
    add('bindings', { '': podStorage.legacyBinding });
    const endpoints = defined(endpointsDefinition);
    const serviceStorage = newServiceStorage(getter, {
      clusterIPRange: this.config.serviceClusterIPRange,
      nodePortRange: this.config.serviceNodePortRange,
      endpoints,
      pods: podStorage.pod,
    });
    add('services', { '': serviceStorage.service, status: serviceStorage.status, proxy: serviceStorage.proxy });
    const leases = this.masterLeases(getter);
    const master = () => {
      const [host, port] = splitHostPort(this.server?.address() ?? '');
      return { ip: this.config.advertiseAddress || host, port };
    };
    if (source.resourceEnabled(gv, 'services'))
      this.hooks.push({
        name: 'bootstrap-controller-kubernetes-service',
        hook: async () => {
          // After shutdown began this server no longer claims a place (kube's StopReconciling).
          if (!master().port || this.endpointReconcilerStopped) return;
          await reconcileKubernetesService(serviceStorage.service, endpoints, serviceStorage.allocations, master(), leases);
        },
      });
    if (leases && source.resourceEnabled(gv, 'services'))
      this.shutdownHooks.push({
        name: 'stop-endpoint-reconciler',
        hook: async () => {
          this.endpointReconcilerStopped = true;
          if (!master().port) return;
          // Bounded: an unreachable etcd must not hold up shutdown; the lease then expires by itself.
          let timer: NodeJS.Timeout | undefined;
          const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, removeMasterEndpointTimeoutMs)));
          await Promise.race([removeMasterEndpoint(endpoints, leases, master()), bound]).finally(() => clearTimeout(timer));
        },
      });
    defined(eventDefinition(this.config.eventTTLSeconds));
    defined(configMapDefinition);
    defined(namespaceDefinition);
    const secrets = defined(secretDefinition);
    const serviceAccounts = defined(serviceAccountDefinition);
    const token = new TokenREST({
      serviceAccounts,
      boundObjects: { Pod: podStorage.pod, Secret: secrets, Node: nodes },
      issuer: this.config.serviceAccountIssuer,
      apiAudiences: apiAudiencesOf(this.config),
      maxExpirationSeconds: this.config.serviceAccountMaxTokenExpirationSeconds,
      signingKey: () => this.signingKey(),
      clock: getter.getRESTOptions({ group: '', resource: 'serviceaccounts' }).clock,
    });
    add('serviceaccounts', { token });
    for (const def of [
      podTemplateDefinition,
      replicationControllerDefinition,
      limitRangeDefinition,
      resourceQuotaDefinition,
      persistentVolumeDefinition,
      persistentVolumeClaimDefinition,
    ])
      defined(def);
    add('componentstatuses', { '': new ComponentStatusREST(getter.getRESTOptions({ group: '', resource: 'componentstatuses' }).storageConfig.backend) });
    info.versionedResourcesStorageMap[gv.version] = storage;
    // The defined resources' schemas come with their definitions; these are the others'.
    info.schemas = [...schemas, podSchema, serviceSchema, componentStatusSchema];
    return info;
  }
}

/** How long shutdown waits to give up the master lease before leaving it to expire. */
const removeMasterEndpointTimeoutMs = 2000;

function splitHostPort(address: string): [string, number] {
  const i = address.lastIndexOf(':');
  if (i < 0) return ['', 0];
  const host = address.slice(0, i).replace(/^\[|\]$/g, '');
  return [host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host, Number(address.slice(i + 1))];
}
