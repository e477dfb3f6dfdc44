import type { interfaces } from 'inversify';
import {
  AdmissionPlugin, authorizerInitializer, AuthorizerKey, isScoper, newAdmissionChain, restMapperInitializer, serviceResolverInitializer, storageLookupInitializer,
  type AdmissionInterface, type AdmissionOptions, type Authorizer, type APIGroupInfo, type GroupResource, type RESTMapper, type Storage,
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

/** meta.RESTMapper over the installed groups: the resource (not a subresource) whose objects are of a kind. */
export function restMapperFromGroups(groups: () => Map<string, APIGroupInfo>): RESTMapper {
  return (gvk) => {
    const resources = groups().get(gvk.group)?.versionedResourcesStorageMap[gvk.version] ?? {};
    for (const [resource, storage] of Object.entries(resources)) {
      if (resource.includes('/') || storage.newObject().kind !== gvk.kind) continue;
      return { resource: { ...gvk, resource }, namespaced: isScoper(storage) && storage.namespaceScoped() };
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
  // CEL admission's `authorizer` checks through the server's --authorization-mode chain.
  const authorizer = container.isBound(AuthorizerKey) ? container.get<Authorizer>(AuthorizerKey) : undefined;
  return newAdmissionChain(opts, registered, kubeAPIServerPluginOrder, [
    ...(authorizer ? [authorizerInitializer(authorizer)] : []),
    storageLookupInitializer(lookup), serviceResolverInitializer(endpointServiceResolver(lookup)), restMapperInitializer(restMapperFromGroups(groups)),
  ]);
}
