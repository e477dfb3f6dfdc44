import type { GroupVersionKind, KObject } from '../../runtime/object';
import type { Storage, TableConvertor } from '../../rest/interfaces';
import { ageColumn, ColumnTableConvertor, nameColumn, type TableColumn } from '../../rest/table';
import type { RESTOptionsGetter } from '../generic/options';
import { Store } from '../generic/registry/store';
import type { StoreConfig } from '../generic/registry/store-config';
import { ScaleREST } from '../rest/scale-rest';
import { StatusREST } from '../rest/status-rest';
import { kindOf, newDefinedStatusStrategy, newDefinedStrategy } from './defined-strategy';
import type { ResourceDefinition } from './types';
import { newObjectConversion, VersionedStorage } from './versioned-storage';

/**
 * The discovery details every version of the resource reports. A resource that needs its own Store
 * (`newStore`) extends this one to keep them.
 */
export class DefinedStore extends Store {
  constructor(
    config: StoreConfig,
    private readonly def: ResourceDefinition,
  ) {
    super(config);
  }

  shortNames(): string[] {
    return this.def.shortNames ?? [];
  }

  categories(): string[] {
    return this.def.categories ?? [];
  }
}

/** NAME first; AGE after the default columns and before the wide (priority 1) ones, as kubectl prints built-ins. */
export function tableOf(table: ResourceDefinition['table']): TableConvertor {
  if (!Array.isArray(table)) return table ?? new ColumnTableConvertor();
  const columns: TableColumn[] = table.includes(nameColumn) ? [...table] : [nameColumn, ...table];
  if (!columns.includes(ageColumn)) {
    const wide = columns.findIndex((c) => (c.priority ?? 0) > 0);
    columns.splice(wide < 0 ? columns.length : wide, 0, ageColumn);
  }
  return new ColumnTableConvertor(columns);
}

/** The group-version-kind the Store holds: the definition's own, or the other group's form it is stored as. */
function storedKindOf(def: ResourceDefinition): GroupVersionKind {
  return def.storedAs ? { group: def.storedAs.group, version: def.storedAs.version, kind: def.kind } : kindOf(def);
}

function storeConfigOf(def: ResourceDefinition): StoreConfig {
  const stored = storedKindOf(def);
  const apiVersion = stored.group ? `${stored.group}/${stored.version}` : stored.version;
  const strategy = newDefinedStrategy(def);
  return {
    ...def.store,
    newFunc: (): KObject => ({ apiVersion, kind: def.kind }),
    newListFunc: () => ({ apiVersion, kind: `${def.kind}List`, metadata: {}, items: [] }),
    defaultQualifiedResource: def.storedAs && def.storageResource ? def.storageResource : { group: def.group, resource: def.plural },
    singularQualifiedResource: { group: def.group, resource: def.singular ?? def.kind.toLowerCase() },
    createStrategy: strategy,
    updateStrategy: strategy,
    deleteStrategy: strategy,
    tableConvertor: tableOf(def.table),
  };
}

/** The resource's Store, completed against the storage the RESTOptionsGetter hands out (another resource's when shared). */
export function newDefinedStore(def: ResourceDefinition, getter: RESTOptionsGetter): Store {
  const config = storeConfigOf(def);
  const store = def.newStore ? def.newStore(config) : new DefinedStore(config, def);
  const storedAs = def.storageResource ?? { group: def.group, resource: def.plural };
  return store.completeWithOptions({ ...def.storeOptions, restOptions: getter.getRESTOptions(storedAs) });
}

/** resource path → storage, for one version of the group. */
export type VersionStorage = Record<string, Storage>;

/**
 * Every path of a defined resource in one served version: the resource, `/status`, `/scale` and its
 * other subresources, all on one shared Store; a version other than the storage version is
 * converted on the way in and out.
 */
export function newResourceStorage(def: ResourceDefinition, store: Store, version: string, getter: RESTOptionsGetter): VersionStorage {
  const storageKind = storedKindOf(def);
  const served: GroupVersionKind = { ...kindOf(def), version };
  const converter = version === def.version ? def.storedAs : def.versions?.[version];
  if (version !== def.version && !converter) throw new Error(`resource ${def.plural}.${def.group} is not served in version ${version}`);
  const view = (s: Store): Storage & ConstructorParameters<typeof StatusREST>[0] =>
    converter
      ? new VersionedStorage(s, served, newObjectConversion(served, storageKind, converter), {
          shortNames: def.shortNames ?? [],
          categories: def.categories ?? [],
          singular: def.singular ?? def.kind.toLowerCase(),
        })
      : s;
  const out: VersionStorage = { [def.plural]: view(store) };
  const statusStrategy = newDefinedStatusStrategy(def);
  if (statusStrategy) {
    out[`${def.plural}/status`] = new StatusREST(view(store.withStrategies({ updateStrategy: statusStrategy, createStrategy: undefined })));
  }
  if (def.scale) out[`${def.plural}/scale`] = new ScaleREST(store, def.scale);
  for (const [name, build] of Object.entries(def.subresources ?? {})) out[`${def.plural}/${name}`] = build(store, getter);
  return out;
}
