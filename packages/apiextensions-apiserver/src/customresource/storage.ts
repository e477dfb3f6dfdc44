import {
  defaultAttrs,
  evaluateJSONPath,
  StatusREST,
  Store,
  type AttrFunc,
  type KObject,
  type ResourceStorageMap,
  type RESTOptionsGetter,
  type SchemaValidation,
} from '@kapi/apiserver-core';
import { deprecationWarningOf, servedVersions, storageVersionOf } from '../apis/helpers';
import type { CustomResourceDefinition, CustomResourceDefinitionVersion } from '../apis/types';
import type { CustomResourceConverter } from './converter';
import { newCustomResourceScaleREST } from './scale';
import { CustomResourceStatusStrategy, CustomResourceStrategy } from './strategy';
import { customResourceTable } from './table';
import { selectableFieldLabel } from '../customresourcedefinition/selectable-fields';
import { CustomResourceVersionREST } from './version-rest';

export interface CustomResourceStorage {
  /** version → "<plural>", "<plural>/status", "<plural>/scale". */
  versions: Record<string, ResourceStorageMap>;
  /** The storage version's Store (the finalizer controller deletes every object through it). */
  store: Store;
  destroy(): Promise<void>;
}

export interface CustomResourceStorageOptions {
  optsGetter: RESTOptionsGetter;
  converterFor(crd: CustomResourceDefinition): CustomResourceConverter;
}

/**
 * The storage of one established CRD (crdHandler.getOrCreateServingInfoFor): one Store over
 * /registry/<group>/<plural> in the storage version, and per served version its REST, status and
 * scale over that Store, each with the version's strategy, columns and conversion.
 */
export function newCustomResourceStorage(
  crd: CustomResourceDefinition,
  opts: CustomResourceStorageOptions,
  /** version → its structural schema (validation, pruning, defaulting), for every version of the CRD. */
  schemas: Record<string, SchemaValidation>,
): CustomResourceStorage {
  const { group, names, scope } = crd.spec;
  const resource = { group, resource: names.plural };
  const storageVersion = storageVersionOf(crd)!;
  const namespaced = scope === 'Namespaced';
  const converter = opts.converterFor(crd);
  const kindOf = (version: string) => ({ group, version, kind: names.kind });
  // The Stores of the served versions check metadata; each version's REST checks its own schema before
  // converting (kube's per-version strategies). Scale writes go to the Store directly: the storage version's schema.
  const strategyOf = (v: CustomResourceDefinitionVersion, validated: boolean) => {
    const o = {
      kind: kindOf(v.name),
      namespaced,
      statusEnabled: !!v.subresources?.status,
      scale: v.subresources?.scale,
      validator: validated ? schemas[v.name] : undefined,
    };
    return { main: new CustomResourceStrategy(o), status: new CustomResourceStatusStrategy(o) };
  };
  const base = strategyOf(storageVersion, true);
  const store = new Store({
    newFunc: (): KObject => ({ apiVersion: `${group}/${storageVersion.name}`, kind: names.kind }),
    newListFunc: () => ({ apiVersion: `${group}/${storageVersion.name}`, kind: names.listKind ?? `${names.kind}List`, metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group, resource: names.singular ?? names.kind.toLowerCase() },
    createStrategy: base.main,
    updateStrategy: base.main,
    deleteStrategy: base.main,
    tableConvertor: customResourceTable(storageVersion.additionalPrinterColumns),
  }).completeWithOptions({ restOptions: opts.optsGetter.getRESTOptions(resource), attrFunc: selectableFieldsAttrs(storageVersion) });
  const crNames = { shortNames: names.shortNames ?? [], categories: names.categories ?? [], singular: names.singular ?? names.kind.toLowerCase() };
  const versions: Record<string, ResourceStorageMap> = {};
  for (const v of servedVersions(crd)) {
    const s = strategyOf(v, false);
    const restOf = (strategies: Parameters<Store['withStrategies']>[0], statusSubresource: boolean) =>
      new CustomResourceVersionREST(store.withStrategies(strategies), {
        version: v.name,
        storageVersion: storageVersion.name,
        kind: kindOf(v.name),
        converter,
        names: crNames,
        table: customResourceTable(v.additionalPrinterColumns),
        deprecationWarning: deprecationWarningOf(crd, v),
        schema: schemas[v.name],
        statusEnabled: !!v.subresources?.status,
        statusSubresource,
      });
    const map: ResourceStorageMap = { [names.plural]: restOf({ createStrategy: s.main, updateStrategy: s.main, deleteStrategy: s.main }, false) };
    if (v.subresources?.status) {
      map[`${names.plural}/status`] = new StatusREST(restOf({ updateStrategy: s.status, createStrategy: undefined }, true));
    }
    if (v.subresources?.scale) map[`${names.plural}/scale`] = newCustomResourceScaleREST(store, v.subresources.scale);
    versions[v.name] = map;
  }
  return {
    versions,
    store,
    destroy: async () => {
      converter.close?.();
      await store.destroy();
    },
  };
}

/**
 * GetAttrs of a custom resource: labels, metadata.name/namespace and the storage version's
 * selectableFields, each as its value's text ("" when absent), so field selectors can use them.
 */
function selectableFieldsAttrs(v: CustomResourceDefinitionVersion): AttrFunc | undefined {
  const fields = v.selectableFields ?? [];
  if (fields.length === 0) return undefined;
  return (obj) => {
    const attrs = defaultAttrs(obj);
    for (const f of fields) {
      const [value] = evaluateJSONPath(obj, f.jsonPath);
      attrs.fields[selectableFieldLabel(f.jsonPath)] = value === undefined || value === null ? '' : String(value);
    }
    return attrs;
  };
}
