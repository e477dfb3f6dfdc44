import type { GroupVersionKind, GroupVersionResource } from '../runtime/object';
import type { AdmissionInterface } from './interfaces';
import type { PluginInitializer } from './initializer';

/** Where a kind is served: its resource and whether it lives in namespaces (meta.RESTMapping). */
export interface RESTMapping {
  resource: GroupVersionResource;
  namespaced: boolean;
}

/** meta.RESTMapper, as far as admission needs it: a policy's paramKind names a kind, storage is found by resource. */
export type RESTMapper = (gvk: GroupVersionKind) => RESTMapping | undefined;

/** initializer.WantsRESTMapper. */
export interface WantsRESTMapper {
  setRESTMapper(mapper: RESTMapper): void;
}

export const wantsRESTMapper = (p: AdmissionInterface): p is AdmissionInterface & WantsRESTMapper => typeof (p as Partial<WantsRESTMapper>).setRESTMapper === 'function';

export function restMapperInitializer(mapper: RESTMapper): PluginInitializer {
  return (plugin) => {
    if (wantsRESTMapper(plugin)) plugin.setRESTMapper(mapper);
  };
}
