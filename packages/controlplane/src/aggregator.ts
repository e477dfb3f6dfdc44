import type { APIGroupInfo } from '@kapi/apiserver-core';
import { apiregistrationGroup, type LocalGroupVersion } from '@kapi/kube-aggregator';

/**
 * The group-versions this process serves, for autoregister (kube-apiserver's apiServicesToRegister
 * and crdregistration): every version with resources of the kube API server's groups — built-in and
 * plugins — and of apiextensions.k8s.io, and the custom resources' group-versions as they come and go.
 */
export function localGroupVersions(
  builtin: ReadonlyMap<string, APIGroupInfo>,
  custom: ReadonlyMap<string, APIGroupInfo>,
  apiExtensionsVersions: string[] = [],
): LocalGroupVersion[] {
  const versionsOf = (info: APIGroupInfo) =>
    Object.entries(info.versionedResourcesStorageMap)
      .filter(([, r]) => Object.keys(r).length > 0)
      .map(([v]) => v);
  const out: LocalGroupVersion[] = [];
  for (const [group, info] of builtin) {
    // The aggregator serves apiregistration itself; kube-apiserver registers no APIService for it.
    if (group === apiregistrationGroup) continue;
    for (const version of versionsOf(info)) out.push({ group, version, managed: 'onstart' });
  }
  // The apiextensions link's own group (CRDs themselves) is static like the built-ins.
  for (const version of apiExtensionsVersions) out.push({ group: 'apiextensions.k8s.io', version, managed: 'onstart' });
  for (const [group, info] of custom) {
    if (builtin.has(group)) continue;
    for (const version of versionsOf(info)) out.push({ group, version, managed: 'true' });
  }
  return out;
}
