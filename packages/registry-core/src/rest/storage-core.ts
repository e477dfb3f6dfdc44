import { inject, injectable, optional } from 'inversify';
import {
  apiAudiencesOf, GenericAPIServerKey, newDefaultAPIGroupInfo, ServerRunOptions,
  type APIGroupInfo, type GenericAPIServer, type APIResourceConfigSource, type ResourceStorageMap, type RESTOptionsGetter, type RESTStorageProvider, type Storage,
} from '@kapi/apiserver-core';
import { configMapSchema } from '../configmap/schema';
import { newConfigMapREST } from '../configmap/storage';
import { namespaceSchema } from '../namespace/schema';
import { newNamespaceStorage } from '../namespace/storage';
import { newNodeStorage } from '../node/storage';
import { newPodStorage } from '../pod/storage';
import { secretSchema } from '../secret/schema';
import { newSecretREST } from '../secret/storage';
import { newEndpointsREST } from '../endpoints/storage';
import { newEventREST } from '../event/storage';
import { reconcileKubernetesService } from '../service/bootstrap';
import { newServiceStorage } from '../service/storage';
import { newServiceAccountREST } from '../serviceaccount/storage';
import { loadSigningKey, type SigningKey } from '../serviceaccount/signing-key';
import { TokenREST } from '../serviceaccount/token';
import { ComponentStatusREST } from '../componentstatus/rest';
import { newLimitRangeREST } from '../limitrange/storage';
import { newPersistentVolumeStorage } from '../persistentvolume/storage';
import { newPersistentVolumeClaimStorage } from '../persistentvolumeclaim/storage';
import { newPodTemplateREST } from '../podtemplate/storage';
import { newReplicationControllerStorage } from '../replicationcontroller/storage';
import { newResourceQuotaStorage } from '../resourcequota/storage';
import { podSchema } from '../pod/schema';
import { podTemplateSchema } from '../podtemplate/schema';
import { eventSchema } from '../event/schema';
import { limitRangeSchema } from '../limitrange/schema';
import { resourceQuotaSchema } from '../resourcequota/schema';
import { persistentVolumeSchema } from '../persistentvolume/schema';
import { persistentVolumeClaimSchema } from '../persistentvolumeclaim/schema';
import { replicationControllerSchema } from '../replicationcontroller/schema';
import { endpointsSchema } from '../endpoints/schema';
import { serviceAccountSchema } from '../serviceaccount/schema';
import { nodeSchema } from '../node/schema';
import { serviceSchema } from '../service/schema';
import { componentStatusSchema } from '../componentstatus/schema';
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

  constructor(
    @inject(ServerRunOptions) @optional() options?: Partial<LegacyRESTStorageConfig>,
    @inject(GenericAPIServerKey) @optional() private readonly server?: GenericAPIServer,
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

  postStartHooks(): { name: string; hook: () => Promise<void> }[] {
    return this.hooks;
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

    const nodeStorage = newNodeStorage(getter);
    const podStorage = newPodStorage(getter, nodeStorage.node);

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
    const endpoints = newEndpointsREST(getter);
    const serviceStorage = newServiceStorage(getter, {
      clusterIPRange: this.config.serviceClusterIPRange,
      nodePortRange: this.config.serviceNodePortRange,
      endpoints,
      pods: podStorage.pod,
    });
    add('services', { '': serviceStorage.service, status: serviceStorage.status, proxy: serviceStorage.proxy });
    add('endpoints', { '': endpoints });
    if (source.resourceEnabled(gv, 'services')) this.hooks.push({
      name: 'bootstrap-controller-kubernetes-service',
      hook: async () => {
        const [host, port] = splitHostPort(this.server?.address() ?? '');
        if (!port) return;
        await reconcileKubernetesService(serviceStorage.service, endpoints, serviceStorage.allocations, { ip: host, port });
      },
    });
    add('nodes', { '': nodeStorage.node, status: nodeStorage.status, proxy: nodeStorage.proxy });
    add('events', { '': newEventREST(getter, this.config.eventTTLSeconds) });
    add('configmaps', { '': newConfigMapREST(getter) });
    const namespaceStorage = newNamespaceStorage(getter);
    add('namespaces', { '': namespaceStorage.namespace, status: namespaceStorage.status, finalize: namespaceStorage.finalize });
    const secrets = newSecretREST(getter);
    add('secrets', { '': secrets });
    const serviceAccounts = newServiceAccountREST(getter);
    const token = new TokenREST({
      serviceAccounts,
      boundObjects: { Pod: podStorage.pod, Secret: secrets, Node: nodeStorage.node },
      issuer: this.config.serviceAccountIssuer,
      apiAudiences: apiAudiencesOf(this.config),
      maxExpirationSeconds: this.config.serviceAccountMaxTokenExpirationSeconds,
      signingKey: () => this.signingKey(),
    });
    add('serviceaccounts', { '': serviceAccounts, token });
    add('podtemplates', { '': newPodTemplateREST(getter) });
    const rc = newReplicationControllerStorage(getter);
    add('replicationcontrollers', { '': rc.controller, status: rc.status, scale: rc.scale });
    add('limitranges', { '': newLimitRangeREST(getter) });
    const quota = newResourceQuotaStorage(getter);
    add('resourcequotas', { '': quota.quota, status: quota.status });
    const pv = newPersistentVolumeStorage(getter);
    add('persistentvolumes', { '': pv.pv, status: pv.status });
    const pvc = newPersistentVolumeClaimStorage(getter);
    add('persistentvolumeclaims', { '': pvc.pvc, status: pvc.status });
    add('componentstatuses', { '': new ComponentStatusREST(getter.getRESTOptions({ group: '', resource: 'componentstatuses' }).storageConfig.backend) });
    info.versionedResourcesStorageMap[gv.version] = storage;
    info.schemas = [configMapSchema, namespaceSchema, secretSchema, podSchema, podTemplateSchema, eventSchema, limitRangeSchema, resourceQuotaSchema, persistentVolumeSchema, persistentVolumeClaimSchema, replicationControllerSchema, endpointsSchema, serviceAccountSchema, nodeSchema, serviceSchema, componentStatusSchema];
    return info;
  }
}

function splitHostPort(address: string): [string, number] {
  const i = address.lastIndexOf(':');
  if (i < 0) return ['', 0];
  const host = address.slice(0, i).replace(/^\[|\]$/g, '');
  return [host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host, Number(address.slice(i + 1))];
}
