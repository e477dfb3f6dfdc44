import type { GroupVersion } from '../runtime/object';
import type { Storage } from '../rest/interfaces';
import type { ResourceSchema } from '../schema/types';
import type { ProtobufMessageRegistry } from '../runtime/protobuf/registry';

/** resource path ("pods", "pods/status", "deployments/scale") → REST storage. */
export type ResourceStorageMap = Record<string, Storage>;

/**
 * genericapiserver.APIGroupInfo: what a RESTStorageProvider hands the server for one group —
 * its versions in order of preference and, per version, the storage of each resource path.
 */
export interface APIGroupInfo {
  prioritizedVersions: GroupVersion[];
  versionedResourcesStorageMap: Record<string, ResourceStorageMap>;
  /**
   * The schemas of the kinds this group serves (one per kind, declared beside its resource). They
   * feed OpenAPI, strategic merge patch and field validation; a kind without one is served
   * schemaless (like a CRD with x-kubernetes-preserve-unknown-fields) and rejects strategic merge patch.
   */
  schemas?: ResourceSchema[];
  /**
   * Protobuf messages of kinds outside k8s.io/api that this group accepts as
   * application/vnd.kubernetes.protobuf request bodies (a plugin's hand-written tables). Built-in
   * kinds need none: they decode through the generated tables (runtime/protobuf/generated-tables.ts).
   * A kind in neither is 415, as kube-apiserver answers protobuf for custom resources.
   */
  protobufMessages?: ProtobufMessageRegistry;
  /**
   * Hooks to run once the server serves, over this group's storage. They travel with the
   * APIGroupInfo, not the provider, because one provider may be bound in several servers of one
   * process (a module-level constant): each server must run its hooks over its own storage.
   */
  postStartHooks?: { name: string; hook: () => Promise<void> }[];
}

export function groupNameOf(info: APIGroupInfo): string {
  return info.prioritizedVersions[0]?.group ?? '';
}

/** NewDefaultAPIGroupInfo: an empty storage map per version. */
export function newDefaultAPIGroupInfo(group: string, ...versions: string[]): APIGroupInfo {
  return {
    prioritizedVersions: versions.map((version) => ({ group, version })),
    versionedResourcesStorageMap: Object.fromEntries(versions.map((v) => [v, {}])),
  };
}
