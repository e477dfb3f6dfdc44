import fs from 'node:fs';
import path from 'node:path';
import type { GroupVersionKind } from '../runtime/object';
import type { Definitions, SchemaObject } from './types';

/**
 * The definitions of every built-in Kubernetes type, as the release kapi serves publishes them
 * (components.schemas of its /openapi/v3 documents), generated at build time by
 * scripts/generate-openapi.sh into `generated/openapi/` beside src/ and dist/. Read once, on first use.
 */

export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/** A file of the generated folder (definitions.json, aggregated_v2.json). */
export function generatedOpenAPIFile(name: string): string {
  // src/schema and dist/schema are both two levels below the package root.
  return path.join(__dirname, '..', '..', 'generated', 'openapi', name);
}

interface Builtins {
  definitions: Definitions;
  /** "group/version/Kind" → the definition that carries it in x-kubernetes-group-version-kind. */
  byKind: Map<string, string>;
}

let builtins: Builtins | undefined;

const kindKey = (gvk: GroupVersionKind): string => `${gvk.group}/${gvk.version}/${gvk.kind}`;

function load(): Builtins {
  const file = generatedOpenAPIFile('definitions.json');
  let definitions: Definitions;
  try {
    definitions = JSON.parse(fs.readFileSync(file, 'utf8')) as Definitions;
  } catch (err) {
    throw new Error(`built-in OpenAPI definitions unreadable at ${file} (${(err as Error).message}); generate them with "npm run build" or "bash scripts/generate-openapi.sh"`);
  }
  const byKind = new Map<string, string>();
  for (const [name, def] of Object.entries(definitions)) {
    // Each GVK names one definition (meta/v1's DeleteOptions carries one per group: apps/v1/DeleteOptions…).
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) byKind.set(kindKey(gvk), name);
  }
  return { definitions, byKind };
}

/** The definition of a built-in type by name ("io.k8s.api.apps.v1.Deployment"), or undefined. */
export function builtinDefinition(name: string): SchemaObject | undefined {
  builtins ??= load();
  return Object.hasOwn(builtins.definitions, name) ? builtins.definitions[name] : undefined;
}

/** The name of the definition Kubernetes registers for a kind (its x-kubernetes-group-version-kind), or undefined. */
export function builtinDefinitionOfKind(gvk: GroupVersionKind): string | undefined {
  builtins ??= load();
  return builtins.byKind.get(kindKey(gvk));
}

/** The names of every built-in definition. */
export function builtinDefinitionNames(): string[] {
  builtins ??= load();
  return Object.keys(builtins.definitions);
}
