import type { GroupVersionKind } from '../runtime/object';
import { kubernetesTypesDefinition } from './kubernetes-types-definitions';
import { refName, type DefinitionExtensions, type Definitions, type ResourceSchema, type SchemaObject } from './types';
import { wellKnownExtensions } from './well-known-extensions';

const gvkKey = (gvk: GroupVersionKind): string => `${gvk.group}/${gvk.version}/${gvk.kind}`;

/**
 * Every schema a server serves: the ResourceSchemas its groups declared, over the definitions of
 * kubernetes-types. Definitions come out with extensions and x-kubernetes-group-version-kind
 * applied; what OpenAPI publishes, strategic merge patch follows and pruning keeps all read here.
 */
export class SchemaRegistry {
  private readonly kinds = new Map<string, ResourceSchema>();
  private readonly own: Definitions = {};
  private readonly extensions: DefinitionExtensions[] = [wellKnownExtensions];
  private readonly gvks = new Map<string, GroupVersionKind[]>();
  private readonly cache = new Map<string, SchemaObject | undefined>();

  add(...schemas: ResourceSchema[]): void {
    for (const s of schemas) {
      this.kinds.set(gvkKey(s.gvk), s);
      Object.assign(this.own, s.definitions);
      if (s.extensions) this.extensions.push(s.extensions);
      this.addGVK(s.definition, s.gvk);
      this.addGVK(`${s.definition}List`, { ...s.gvk, kind: `${s.gvk.kind}List` });
    }
    this.cache.clear();
  }

  private addGVK(definition: string, gvk: GroupVersionKind): void {
    const list = this.gvks.get(definition) ?? [];
    if (!list.some((g) => gvkKey(g) === gvkKey(gvk))) list.push(gvk);
    this.gvks.set(definition, list);
  }

  /**
   * A kind Kubernetes itself defines (core/v1 Pod, apps/v1 StatefulSet…) served without a declared
   * schema gets the kubernetes-types one, so every built-in resource has OpenAPI, strategic merge
   * patch and pruning. A plugin's own kinds have no such fallback: they declare theirs or stay schemaless.
   */
  addBuiltin(gvk: GroupVersionKind): boolean {
    if (this.forKind(gvk)) return true;
    const definition = builtinDefinitionName(gvk);
    if (!kubernetesTypesDefinition(definition)) return false;
    this.add({ gvk, definition });
    return true;
  }

  forKind(gvk: GroupVersionKind): ResourceSchema | undefined {
    return this.kinds.get(gvkKey(gvk));
  }

  kindSchemas(): ResourceSchema[] {
    return [...this.kinds.values()];
  }

  /** The root schema of a kind, or undefined when its group declared none. */
  schemaOfKind(gvk: GroupVersionKind): SchemaObject | undefined {
    const s = this.forKind(gvk);
    return s && this.definition(s.definition);
  }

  /** A definition by name with its extensions applied; cached, never to be mutated by callers. */
  definition(name: string): SchemaObject | undefined {
    if (!this.cache.has(name)) this.cache.set(name, this.build(name));
    return this.cache.get(name);
  }

  private build(name: string): SchemaObject | undefined {
    const base = this.own[name] ?? kubernetesTypesDefinition(name);
    if (!base) return undefined;
    const def: SchemaObject = { ...base, ...(base.properties ? { properties: { ...base.properties } } : {}) };
    for (const ext of this.extensions) {
      for (const [prop, add] of Object.entries(ext[name] ?? {})) {
        if (prop === '') Object.assign(def, add);
        else if (def.properties?.[prop]) def.properties[prop] = { ...def.properties[prop], ...add };
      }
    }
    const gvks = this.gvks.get(name);
    if (gvks) def['x-kubernetes-group-version-kind'] = gvks;
    return def;
  }

  /** Follows a $ref (or k8s's `allOf: [{$ref}]` wrapper) to the schema it names. */
  resolve(schema: SchemaObject | undefined): SchemaObject | undefined {
    let s = schema;
    for (let hops = 0; s && hops < 8; hops++) {
      const ref = s.$ref ?? (s.allOf?.length === 1 ? s.allOf[0].$ref : undefined);
      if (!ref) return s;
      s = this.definition(refName(ref));
    }
    return s;
  }

  /** The named definitions and everything they reference, for one OpenAPI document. */
  closure(roots: string[]): Definitions {
    const out: Definitions = {};
    const visit = (name: string): void => {
      if (out[name]) return;
      const def = this.definition(name);
      if (!def) return;
      out[name] = def;
      walkRefs(def, visit);
    };
    roots.forEach(visit);
    return out;
  }
}

/** The kubernetes-types definition name of a built-in kind: io.k8s.api.<package>.<version>.<Kind>. */
export function builtinDefinitionName(gvk: GroupVersionKind): string {
  const pkg = gvk.group === '' ? 'core' : gvk.group.split('.')[0];
  return `io.k8s.api.${pkg}.${gvk.version}.${gvk.kind}`;
}

function walkRefs(s: SchemaObject, visit: (name: string) => void): void {
  if (s.$ref) visit(refName(s.$ref));
  s.allOf?.forEach((x) => walkRefs(x, visit));
  if (s.items) walkRefs(s.items, visit);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') walkRefs(s.additionalProperties, visit);
  for (const p of Object.values(s.properties ?? {})) walkRefs(p, visit);
}
