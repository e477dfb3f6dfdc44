import { injectable } from 'inversify';
import {
  newVersionedGroupInfo, type APIGroupInfo, type APIResourceConfigSource, type RESTOptionsGetter, type RESTStorageProvider, type StorageBuilders,
} from '@kapi/apiserver-core';
import { controllerRevisionSchema } from '../controllerrevision/schema';
import { newControllerRevisionREST } from '../controllerrevision/storage';
import { daemonSetSchema } from '../daemonset/schema';
import { newDaemonSetStorage } from '../daemonset/storage';
import { deploymentSchema } from '../deployment/schema';
import { newDeploymentStorage } from '../deployment/storage';
import { replicaSetSchema } from '../replicaset/schema';
import { newReplicaSetStorage } from '../replicaset/storage';
import { statefulSetSchema } from '../statefulset/schema';
import { newStatefulSetStorage } from '../statefulset/storage';

/** Builds once, on first use: a resource and its subresources share one Store (and one watch of storage). */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/** AppsRESTStorageProvider (pkg/registry/apps/rest/storage_apps.go): the apps/v1 storage map. */
@injectable()
export class AppsRESTStorageProvider implements RESTStorageProvider {
  readonly groupName = 'apps';

  protected builders(getter: RESTOptionsGetter): StorageBuilders {
    const deployments = once(() => newDeploymentStorage(getter));
    const statefulSets = once(() => newStatefulSetStorage(getter));
    const daemonSets = once(() => newDaemonSetStorage(getter));
    const replicaSets = once(() => newReplicaSetStorage(getter));
    return {
      deployments: () => deployments().deployment,
      'deployments/status': () => deployments().status,
      'deployments/scale': () => deployments().scale,
      statefulsets: () => statefulSets().statefulSet,
      'statefulsets/status': () => statefulSets().status,
      'statefulsets/scale': () => statefulSets().scale,
      daemonsets: () => daemonSets().daemonSet,
      'daemonsets/status': () => daemonSets().status,
      replicasets: () => replicaSets().replicaSet,
      'replicasets/status': () => replicaSets().status,
      'replicasets/scale': () => replicaSets().scale,
      controllerrevisions: newControllerRevisionREST,
    };
  }

  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter): APIGroupInfo {
    const info = newVersionedGroupInfo(source, { group: this.groupName, version: 'v1' }, this.builders(getter), getter, [
      deploymentSchema,
      replicaSetSchema,
      statefulSetSchema,
      daemonSetSchema,
      controllerRevisionSchema,
    ]);
    return info;
  }
}
