import type { DefinitionExtensions, SchemaObject } from './types';

/**
 * The patch strategies and list types of the shared built-in definitions (meta/v1 and the core/v1
 * pod template), as the Go struct tags and `+listType` markers of k8s.io/api declare them. They are
 * facts of the API that clients rely on (kubectl computes strategic merge patches with them), and
 * the generated TypeScript declarations do not carry them, so they are declared here, once.
 * A resource's own definitions carry theirs in its schema.ts (`extensions`).
 */
export function mergeByKey(key: string, ...mapKeys: string[]): Partial<SchemaObject> {
  return {
    'x-kubernetes-patch-merge-key': key,
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': mapKeys.length ? mapKeys : [key],
  };
}

export const atomicList: Partial<SchemaObject> = { 'x-kubernetes-list-type': 'atomic' };
export const conditionsList = mergeByKey('type');

const mergeRetainByName: Partial<SchemaObject> = { ...mergeByKey('name'), 'x-kubernetes-patch-strategy': 'merge,retainKeys' };

const containerLists = {
  ports: mergeByKey('containerPort', 'containerPort', 'protocol'),
  env: mergeByKey('name'),
  volumeMounts: mergeByKey('mountPath'),
  volumeDevices: mergeByKey('devicePath'),
  resizePolicy: atomicList,
  args: atomicList,
  command: atomicList,
  envFrom: atomicList,
};

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const core = 'io.k8s.api.core.v1';

export const wellKnownExtensions: DefinitionExtensions = {
  [`${meta}.ObjectMeta`]: {
    finalizers: { 'x-kubernetes-list-type': 'set', 'x-kubernetes-patch-strategy': 'merge' },
    ownerReferences: mergeByKey('uid'),
    managedFields: atomicList,
  },
  [`${meta}.LabelSelector`]: { matchExpressions: atomicList, '': { 'x-kubernetes-map-type': 'atomic' } },
  [`${meta}.LabelSelectorRequirement`]: { values: atomicList },
  [`${core}.PodSpec`]: {
    containers: mergeByKey('name'),
    initContainers: mergeByKey('name'),
    ephemeralContainers: mergeByKey('name'),
    volumes: mergeRetainByName,
    imagePullSecrets: mergeByKey('name'),
    hostAliases: mergeByKey('ip'),
    topologySpreadConstraints: mergeByKey('topologyKey', 'topologyKey', 'whenUnsatisfiable'),
    resourceClaims: mergeRetainByName,
    schedulingGates: mergeByKey('name'),
    readinessGates: atomicList,
    tolerations: atomicList,
  },
  [`${core}.Container`]: containerLists,
  [`${core}.EphemeralContainer`]: containerLists,
  [`${core}.PodStatus`]: {
    conditions: conditionsList,
    podIPs: mergeByKey('ip'),
    hostIPs: mergeByKey('ip'),
    containerStatuses: atomicList,
    initContainerStatuses: atomicList,
    ephemeralContainerStatuses: atomicList,
  },
  [`${core}.ResourceRequirements`]: { claims: mergeByKey('name') },
};
