import { injectable } from 'inversify';
import {
  newVersionedGroupInfo, type APIGroupInfo, type APIResourceConfigSource, type RESTOptionsGetter, type RESTStorageProvider, type StorageBuilders,
} from '@kapi/apiserver-core';
import { configMapSchema } from '../configmap/schema';
import { newConfigMapREST } from '../configmap/storage';
import { namespaceSchema } from '../namespace/schema';
import { newNamespaceREST } from '../namespace/storage';
import { secretSchema } from '../secret/schema';
import { newSecretREST } from '../secret/storage';

/**
 * LegacyRESTStorageProvider (pkg/registry/core/rest/storage_core.go): one RESTStorage per resource
 * of the legacy group, put into the v1 storage map that installLegacyAPI serves at /api/v1.
 */
@injectable()
export class LegacyRESTStorageProvider implements RESTStorageProvider {
  readonly groupName = '';

  protected builders(): StorageBuilders {
    return {
      configmaps: newConfigMapREST,
      namespaces: newNamespaceREST,
      secrets: newSecretREST,
    };
  }

  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter): APIGroupInfo {
    return newVersionedGroupInfo(source, { group: '', version: 'v1' }, this.builders(), getter, [configMapSchema, namespaceSchema, secretSchema]);
  }
}
