import { injectable } from 'inversify';
import {
  newVersionedGroupInfo, type APIGroupInfo, type APIResourceConfigSource, type RESTOptionsGetter, type RESTStorageProvider, type StorageBuilders,
} from '@kapi/apiserver-core';
import { deploymentSchema } from '../deployment/schema';
import { newDeploymentREST } from '../deployment/storage';

/** AppsRESTStorageProvider (pkg/registry/apps/rest/storage_apps.go): the apps/v1 storage map. */
@injectable()
export class AppsRESTStorageProvider implements RESTStorageProvider {
  readonly groupName = 'apps';

  protected builders(): StorageBuilders {
    return { deployments: newDeploymentREST };
  }

  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter): APIGroupInfo {
    return newVersionedGroupInfo(source, { group: this.groupName, version: 'v1' }, this.builders(), getter, [deploymentSchema]);
  }
}
