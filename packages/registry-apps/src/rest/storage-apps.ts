import { newRESTStorageProviderFor } from '@kapi/apiserver-core';
import { controllerRevisionDefinition } from '../controllerrevision/definition';
import { daemonSetDefinition } from '../daemonset/definition';
import { deploymentDefinition } from '../deployment/definition';
import { replicaSetDefinition } from '../replicaset/definition';
import { statefulSetDefinition } from '../statefulset/definition';

/** AppsRESTStorageProvider (pkg/registry/apps/rest/storage_apps.go): the apps/v1 resources. */
export const appsRESTStorageProvider = newRESTStorageProviderFor({
  group: 'apps',
  versions: ['v1'],
  resources: [deploymentDefinition, statefulSetDefinition, daemonSetDefinition, replicaSetDefinition, controllerRevisionDefinition],
});
