import type { GroupVersion } from '../runtime/object';
import type { Storage } from '../rest/interfaces';
import type { RESTOptionsGetter } from '../registry/generic/options';
import type { ResourceSchema } from '../schema/types';
import { RESTStorageProviderKey } from '../keys';
import { newDefaultAPIGroupInfo, type APIGroupInfo, type ResourceStorageMap } from './api-group-info';

/**
 * serverstorage.APIResourceConfigSource: which group-versions and resources --runtime-config enables.
 */
export interface APIResourceConfigSource {
  versionEnabled(gv: GroupVersion): boolean;
  resourceEnabled(gv: GroupVersion, resource: string): boolean;
}

/**
 * A group's RESTStorageProvider (pkg/controlplane/apiserver/options RESTStorageProvider): it knows its
 * group and builds the APIGroupInfo from storage it obtains through the RESTOptionsGetter — never
 * constructing storage itself. Group packages bind theirs in a ContainerModule:
 * `bindService(bind, RESTStorageProviderKey).to(AppsRESTStorageProvider)`.
 */
export interface RESTStorageProvider {
  readonly groupName: string;
  newRESTStorage(apiResourceConfigSource: APIResourceConfigSource, restOptionsGetter: RESTOptionsGetter): Promise<APIGroupInfo> | APIGroupInfo;
  /**
   * Optional lifecycle: hooks the group needs once the server runs (e.g. bootstrap controllers), for a
   * provider bound per server (a class in singleton scope). Hooks over the storage newRESTStorage built
   * belong in its APIGroupInfo's postStartHooks, which stay with the server that installed them.
   */
  postStartHooks?(): { name: string; hook: () => Promise<void> }[];
  /** Optional lifecycle: work before the server stops serving (e.g. giving up its place in the `kubernetes` Endpoints). */
  preShutdownHooks?(): { name: string; hook: () => Promise<void> }[];
}

/** @deprecated The name plugins bound with before ServiceKeys (the same symbol); use RESTStorageProviderKey. */
export const RESTStorageProvider = RESTStorageProviderKey;

/** Everything is enabled unless --runtime-config says otherwise. */
export const allResourcesEnabled: APIResourceConfigSource = {
  versionEnabled: () => true,
  resourceEnabled: () => true,
};

/** resource path → how to build its storage from the RESTOptionsGetter. */
export type StorageBuilders = Record<string, (getter: RESTOptionsGetter) => Storage>;

/**
 * The usual body of newRESTStorage: an APIGroupInfo for one version holding every resource path
 * that --runtime-config leaves enabled (a subresource follows its resource).
 */
export function newVersionedGroupInfo(
  source: APIResourceConfigSource,
  gv: GroupVersion,
  builders: StorageBuilders,
  getter: RESTOptionsGetter,
  schemas?: ResourceSchema[],
): APIGroupInfo {
  const info = newDefaultAPIGroupInfo(gv.group, gv.version);
  if (schemas) info.schemas = schemas;
  if (!source.versionEnabled(gv)) return info;
  const storage: ResourceStorageMap = {};
  for (const [path, build] of Object.entries(builders)) {
    if (source.resourceEnabled(gv, path.split('/')[0])) storage[path] = build(getter);
  }
  info.versionedResourcesStorageMap[gv.version] = storage;
  return info;
}
