import type { GroupVersionKind, GroupVersionResource, KObject } from '../runtime/object';
import type { AdmissionInterface } from './interfaces';
import type { PluginInitializer } from './initializer';

/**
 * One version of a resource that shares its storage with the requested one (kube's
 * EquivalentResourceMapper): deployments in apps/v1 and apps/v1beta2, events in the core group and
 * in events.k8s.io, horizontalpodautoscalers in autoscaling/v1 and v2.
 */
export interface EquivalentResource {
  resource: GroupVersionResource;
  kind: GroupVersionKind;
  /** This version's object in the storage form, and back. */
  toStorage(obj: KObject): KObject;
  fromStorage(obj: KObject): KObject;
}

/** Every served version of the resource stored as `resource` (itself included); [] when it is not known. */
export type EquivalentResourceMapper = (resource: GroupVersionResource) => EquivalentResource[];

/** initializer.WantsEquivalentResourceMapper: webhooks with matchPolicy Equivalent find other versions of the request's resource. */
export interface WantsEquivalentResourceMapper {
  setEquivalentResourceMapper(mapper: EquivalentResourceMapper): void;
}

export const wantsEquivalentResourceMapper = (p: AdmissionInterface): p is AdmissionInterface & WantsEquivalentResourceMapper =>
  typeof (p as Partial<WantsEquivalentResourceMapper>).setEquivalentResourceMapper === 'function';

export function equivalentResourceMapperInitializer(mapper: EquivalentResourceMapper): PluginInitializer {
  return (plugin) => {
    if (wantsEquivalentResourceMapper(plugin)) plugin.setEquivalentResourceMapper(mapper);
  };
}
