import { inject, injectable, optional } from 'inversify';
import {
  newDefaultAPIGroupInfo, ServerRunOptions,
  type APIGroupInfo, type APIResourceConfigSource, type ResourceStorageMap, type RESTOptionsGetter, type RESTStorageProvider, type Storage,
} from '@kapi/apiserver-core';
import { configMapSchema } from '../configmap/schema';
import { newConfigMapREST } from '../configmap/storage';
import { namespaceSchema } from '../namespace/schema';
import { newNamespaceREST } from '../namespace/storage';
import { newNodeStorage } from '../node/storage';
import { newPodStorage } from '../pod/storage';
import { secretSchema } from '../secret/schema';
import { newSecretREST } from '../secret/storage';
import { legacyConfigFrom, type LegacyRESTStorageConfig } from './legacy-config';

/**
 * LegacyRESTStorageProvider (pkg/registry/core/rest/storage_core.go): one RESTStorage per resource
 * of the legacy group, put into the v1 storage map that installLegacyAPI serves at /api/v1.
 */
@injectable()
export class LegacyRESTStorageProvider implements RESTStorageProvider {
  readonly groupName = '';
  protected readonly config: LegacyRESTStorageConfig;

  constructor(@inject(ServerRunOptions) @optional() options?: Partial<LegacyRESTStorageConfig>) {
    this.config = legacyConfigFrom(options);
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
    add('nodes', { '': nodeStorage.node, status: nodeStorage.status, proxy: nodeStorage.proxy });
    add('configmaps', { '': newConfigMapREST(getter) });
    add('namespaces', { '': newNamespaceREST(getter) });
    add('secrets', { '': newSecretREST(getter) });
    info.versionedResourcesStorageMap[gv.version] = storage;
    info.schemas = [configMapSchema, namespaceSchema, secretSchema];
    return info;
  }
}
