import type { GroupVersion } from '../../runtime/object';
import { newDefaultAPIGroupInfo, type APIGroupInfo } from '../../server/api-group-info';
import type { APIResourceConfigSource, RESTStorageProvider } from '../../server/rest-storage-provider';
import type { ResourceSchema } from '../../schema/types';
import { resourceSchemaOf } from '../../structural/schema-strategy';
import { kindOf } from './defined-strategy';
import type { RESTOptionsGetter } from '../generic/options';
import type { Store } from '../generic/registry/store';
import { newDefinedStore, newResourceStorage } from './resource-storage';
import type { GroupDefinition, ResourceDefinition } from './types';

/** The versions a resource is served in: its storage version and those it declares a conversion for. */
export function servedVersionsOf(def: ResourceDefinition): string[] {
  return [def.version, ...Object.keys(def.versions ?? {})];
}

/** Checks what would otherwise fail later and less clearly: every resource belongs to the group and one of its versions. */
export function defineGroup(group: GroupDefinition): GroupDefinition {
  const seen = new Set<string>();
  for (const r of group.resources) {
    if (r.group !== group.group) throw new Error(`resource ${r.plural}.${r.group} declared in group ${JSON.stringify(group.group)}`);
    for (const v of servedVersionsOf(r)) {
      if (!group.versions.includes(v)) throw new Error(`resource ${r.plural}.${r.group} is served in ${v}, which group ${JSON.stringify(group.group)} does not serve`);
      if (seen.has(`${v}/${r.plural}`)) throw new Error(`resource ${r.plural} is declared twice in ${group.group}/${v}`);
      seen.add(`${v}/${r.plural}`);
    }
  }
  return group;
}

/** A structurally declared kind's OpenAPI definition name, reversed-domain as kube names a CRD's ("dev.example.widgets.v1.Widget"). */
export function definitionNameOf(r: ResourceDefinition): string {
  return [...r.group.split('.').reverse(), r.version, r.kind].join('.');
}

/** The schemas the group declares, one per kind (a built-in kind without one gets Kubernetes' own). */
function schemasOf(group: GroupDefinition): ResourceSchema[] {
  return group.resources.flatMap((r) => {
    if (r.schema) return [r.schema];
    if (r.structuralSchema) return [resourceSchemaOf(kindOf(r), definitionNameOf(r), r.structuralSchema)];
    return [];
  });
}

/**
 * The RESTStorageProvider of a defined group: per served version, the paths --runtime-config leaves
 * enabled; one Store per resource, built on first use and shared by every version and subresource.
 */
export class DefinedGroupRESTStorageProvider implements RESTStorageProvider {
  readonly groupName: string;

  constructor(readonly definition: GroupDefinition) {
    this.groupName = definition.group;
  }

  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter): APIGroupInfo {
    const { group, versions, resources, protobufMessages } = this.definition;
    const info = newDefaultAPIGroupInfo(group, ...versions);
    info.schemas = schemasOf(this.definition);
    if (protobufMessages) info.protobufMessages = protobufMessages;
    const stores = new Map<ResourceDefinition, Store>();
    const storeOf = (r: ResourceDefinition) => stores.get(r) ?? stores.set(r, newDefinedStore(r, getter)).get(r)!;
    for (const version of versions) {
      const gv: GroupVersion = { group, version };
      if (!source.versionEnabled(gv)) continue;
      for (const r of resources) {
        if (!servedVersionsOf(r).includes(version) || !source.resourceEnabled(gv, r.plural)) continue;
        Object.assign(info.versionedResourcesStorageMap[version], newResourceStorage(r, storeOf(r), version, getter));
      }
    }
    // The hooks close over this info's storage, never the provider's last result: a provider bound as a
    // constant serves every server of the process.
    info.postStartHooks = (this.definition.postStartHooks ?? []).map((h) => ({ name: h.name, hook: () => h.hook(info.versionedResourcesStorageMap) }));
    return info;
  }
}

/** The provider a group module binds: `bindService(bind, RESTStorageProviderKey).toConstantValue(newRESTStorageProviderFor(batchGroup))`. */
export function newRESTStorageProviderFor(group: GroupDefinition): DefinedGroupRESTStorageProvider {
  return new DefinedGroupRESTStorageProvider(defineGroup(group));
}
