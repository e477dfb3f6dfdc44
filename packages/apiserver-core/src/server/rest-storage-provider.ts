import type { GroupResource, GroupVersion } from '../runtime/object';
import type { RESTOptionsGetter } from '../registry/generic/options';
import type { APIGroupInfo } from './api-group-info';

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
 * `bind(RESTStorageProvider).to(AppsRESTStorageProvider)`.
 */
export interface RESTStorageProvider {
  readonly groupName: string;
  newRESTStorage(apiResourceConfigSource: APIResourceConfigSource, restOptionsGetter: RESTOptionsGetter): Promise<APIGroupInfo> | APIGroupInfo;
  /** Optional lifecycle: hooks the group needs once the server runs (e.g. bootstrap controllers). */
  postStartHooks?(): { name: string; hook: () => Promise<void> }[];
}

export const RESTStorageProvider = Symbol.for('kapi.RESTStorageProvider');

/** Everything is enabled unless --runtime-config says otherwise. */
export const allResourcesEnabled: APIResourceConfigSource = {
  versionEnabled: () => true,
  resourceEnabled: () => true,
};

/** Helper for providers: put `storage` at `path` only when its resource is enabled. */
export function resourceEnabled(source: APIResourceConfigSource, gv: GroupVersion, gr: GroupResource | string): boolean {
  return source.resourceEnabled(gv, typeof gr === 'string' ? gr : gr.resource);
}
