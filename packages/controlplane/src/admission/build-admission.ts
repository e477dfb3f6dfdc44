import type { interfaces } from 'inversify';
import {
  AdmissionPlugin, newAdmissionChain, serviceResolverInitializer, storageLookupInitializer,
  type AdmissionInterface, type AdmissionOptions, type APIGroupInfo, type GroupResource, type Storage,
} from '@kapi/apiserver-core';
import { kubeAPIServerPluginOrder } from './plugins';
import { endpointServiceResolver } from './service-resolver';

/** The installed storage of a resource, in the group's preferred version that serves it. */
export function storageLookupFromGroups(groups: () => Map<string, APIGroupInfo>) {
  return (gr: GroupResource): Storage | undefined => {
    const info = groups().get(gr.group);
    for (const gv of info?.prioritizedVersions ?? []) {
      const storage = info?.versionedResourcesStorageMap[gv.version]?.[gr.resource];
      if (storage) return storage;
    }
    return undefined;
  };
}

/**
 * The admission chain of kube-apiserver's Config: every AdmissionPlugin the loaded modules bound,
 * chosen and configured by the flags, ordered as kube orders them, handed the installed storage.
 */
export async function buildAdmission(
  container: interfaces.Container,
  opts: AdmissionOptions,
  groups: () => Map<string, APIGroupInfo>,
): Promise<AdmissionInterface> {
  const registered = container.isBound(AdmissionPlugin) ? container.getAll<AdmissionPlugin>(AdmissionPlugin) : [];
  const lookup = storageLookupFromGroups(groups);
  return newAdmissionChain(opts, registered, kubeAPIServerPluginOrder, [storageLookupInitializer(lookup), serviceResolverInitializer(endpointServiceResolver(lookup))]);
}
