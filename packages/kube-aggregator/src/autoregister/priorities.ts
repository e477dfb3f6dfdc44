/**
 * The group and version priorities kube-apiserver gives the APIServices of its built-in
 * group-versions (pkg/controlplane/apiserver/aggregator.go, apiVersionPriorities and
 * DefaultGenericAPIServicePriorities). They order /apis the way clients expect: core first.
 */
export interface APIServicePriority {
  group: number;
  version: number;
}

const builtin: Record<string, APIServicePriority> = {
  v1: { group: 18000, version: 1 },
  'apps/v1': { group: 17800, version: 15 },
  'events.k8s.io/v1': { group: 17750, version: 15 },
  'authentication.k8s.io/v1': { group: 17700, version: 15 },
  'authorization.k8s.io/v1': { group: 17600, version: 15 },
  'autoscaling/v1': { group: 17500, version: 15 },
  'autoscaling/v2': { group: 17500, version: 30 },
  'batch/v1': { group: 17400, version: 15 },
  'certificates.k8s.io/v1': { group: 17300, version: 15 },
  'networking.k8s.io/v1': { group: 17200, version: 15 },
  'policy/v1': { group: 17100, version: 15 },
  'rbac.authorization.k8s.io/v1': { group: 17000, version: 15 },
  'storage.k8s.io/v1': { group: 16800, version: 15 },
  'apiextensions.k8s.io/v1': { group: 16700, version: 15 },
  'admissionregistration.k8s.io/v1': { group: 16700, version: 15 },
  'scheduling.k8s.io/v1': { group: 16600, version: 15 },
  'coordination.k8s.io/v1': { group: 16500, version: 15 },
  'node.k8s.io/v1': { group: 16300, version: 15 },
  'discovery.k8s.io/v1': { group: 16200, version: 15 },
  'flowcontrol.apiserver.k8s.io/v1': { group: 16100, version: 21 },
};

/** What crdregistration gives every CRD group-version: below the built-ins, versions sorted kube-like. */
export const customResourcePriority: APIServicePriority = { group: 1000, version: 100 };

/**
 * A built-in group-version's priority. kube-apiserver skips group-versions it has no priority for;
 * kapi's plugin groups are served in-process like built-ins, so they get the custom resources' group
 * priority (below every built-in) and kube's default version priority.
 */
export function builtinPriority(groupVersion: string): APIServicePriority {
  return builtin[groupVersion] ?? { group: customResourcePriority.group, version: 15 };
}
