import type { interfaces } from 'inversify';
import {
  AdmissionPluginKey,
  getAllServices,
  getOptionalService,
  authorizerInitializer,
  AuthorizerKey,
  equivalentResourceMapperInitializer,
  isScoper,
  newAdmissionChain,
  restMapperInitializer,
  serviceResolverInitializer,
  storageLookupInitializer,
  type AdmissionInterface,
  type AdmissionOptions,
  type EquivalentResource,
  type EquivalentResourceMapper,
  type KObject,
  type APIGroupInfo,
  type GroupResource,
  type RESTMapper,
  type Storage,
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

/** What a served storage says of where its objects are stored, and how this version converts to that form. */
interface StoredAs {
  qualifiedResource?: GroupResource;
  objectConversion?: { toStorage(o: KObject): KObject; fromStorage(o: KObject): KObject };
}

/**
 * runtime.EquivalentResourceRegistry over the installed groups: resources whose storage is the same
 * stored resource are versions of one another. Built once, on first use (groups are installed by then).
 */
export function equivalentResourceMapperFromGroups(groups: () => Map<string, APIGroupInfo>): EquivalentResourceMapper {
  let byStorage: Map<string, EquivalentResource[]> | undefined;
  const identity = (o: KObject) => o;
  const index = () => {
    const out = new Map<string, EquivalentResource[]>();
    for (const [group, info] of groups()) {
      for (const gv of info.prioritizedVersions) {
        for (const [resource, storage] of Object.entries(info.versionedResourcesStorageMap[gv.version] ?? {})) {
          const stored = storage as Storage & StoredAs;
          if (resource.includes('/') || !stored.qualifiedResource) continue;
          const key = `${stored.qualifiedResource.group}/${stored.qualifiedResource.resource}`;
          const kind = storage.newObject().kind ?? '';
          out.set(key, [
            ...(out.get(key) ?? []),
            {
              resource: { group, version: gv.version, resource },
              kind: { group, version: gv.version, kind },
              toStorage: stored.objectConversion?.toStorage ?? identity,
              fromStorage: stored.objectConversion?.fromStorage ?? identity,
            },
          ]);
        }
      }
    }
    return out;
  };
  return (gvr) => {
    byStorage ??= index();
    for (const set of byStorage.values())
      if (set.some((e) => e.resource.group === gvr.group && e.resource.version === gvr.version && e.resource.resource === gvr.resource)) return set;
    return [];
  };
}

/**
 * The admission chain of kube-apiserver's Config: every AdmissionPlugin the loaded modules bound,
 * chosen and configured by the flags, ordered as kube orders them, handed the installed storage.
 */
export async function buildAdmission(container: interfaces.Container, opts: AdmissionOptions, groups: () => Map<string, APIGroupInfo>): Promise<AdmissionInterface> {
  const registered = getAllServices(container, AdmissionPluginKey);
  const lookup = storageLookupFromGroups(groups);
  // CEL admission's `authorizer` checks through the server's --authorization-mode chain.
  const authorizer = getOptionalService(container, AuthorizerKey);
  return newAdmissionChain(opts, registered, kubeAPIServerPluginOrder, [
    ...(authorizer ? [authorizerInitializer(authorizer)] : []),
    equivalentResourceMapperInitializer(equivalentResourceMapperFromGroups(groups)),
    storageLookupInitializer(lookup),
    serviceResolverInitializer(endpointServiceResolver(lookup)),
    restMapperInitializer(restMapperFromGroups(groups)),
  ]);
}
