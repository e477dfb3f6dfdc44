import fs from 'node:fs';
import path from 'node:path';
import { refTo, type Definitions, type SchemaObject } from './types';

/**
 * Definitions of the built-in Kubernetes types, read from the declarations of the `kubernetes-types`
 * package (generated from the Kubernetes OpenAPI, descriptions included), so no built-in type is
 * written twice. Each module ("core/v1") becomes the definitions of one Go package
 * ("io.k8s.api.core.v1.*"); what TypeScript cannot say (int-or-string, formats) is restored here.
 */

/** kubernetes-types module ("core/v1") → OpenAPI definition prefix ("io.k8s.api.core.v1"). */
export function definitionPrefixOf(mod: string): string {
  if (mod === 'meta/v1') return 'io.k8s.apimachinery.pkg.apis.meta.v1';
  if (mod === 'api/resource') return 'io.k8s.apimachinery.pkg.api.resource';
  if (mod === 'runtime') return 'io.k8s.apimachinery.pkg.runtime';
  if (mod === 'version') return 'io.k8s.apimachinery.pkg.version';
  if (mod.startsWith('apiextensions/')) return `io.k8s.apiextensions-apiserver.pkg.apis.${mod.replace('/', '.')}`;
  return `io.k8s.api.${mod.replace('/', '.')}`;
}

/** The module that declares a definition, or undefined for names kubernetes-types does not carry. */
export function moduleOf(definition: string): string | undefined {
  const dot = definition.lastIndexOf('.');
  const prefix = definition.slice(0, dot);
  const fixed: Record<string, string> = {
    'io.k8s.apimachinery.pkg.apis.meta.v1': 'meta/v1',
    'io.k8s.apimachinery.pkg.api.resource': 'api/resource',
    'io.k8s.apimachinery.pkg.runtime': 'runtime',
    'io.k8s.apimachinery.pkg.version': 'version',
  };
  if (fixed[prefix]) return fixed[prefix];
  const m = /^io\.k8s\.(?:api|apiextensions-apiserver\.pkg\.apis)\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(prefix);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** Types that are not interfaces in kubernetes-types but named definitions in Kubernetes. */
const SYNTHETIC: Definitions = {
  [INT_OR_STRING]: {
    type: 'string',
    format: 'int-or-string',
    'x-kubernetes-int-or-string': true,
    description: 'IntOrString holds either an integer or a string; JSON carries whichever was given.',
  },
};

const FORMATS: Record<string, string> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'date-time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'date-time',
};

let root: string | undefined;
const modules = new Map<string, Definitions>();

function kubernetesTypesRoot(): string {
  root ??= path.dirname(require.resolve('kubernetes-types/package.json'));
  return root;
}

/** The definition of a built-in type, or undefined when kubernetes-types has none of that name. */
export function kubernetesTypesDefinition(name: string): SchemaObject | undefined {
  if (SYNTHETIC[name]) return SYNTHETIC[name];
  const mod = moduleOf(name);
  if (!mod) return undefined;
  return loadModule(mod)[name];
}

export function loadModule(mod: string): Definitions {
  let defs = modules.get(mod);
  if (!defs) {
    const file = path.join(kubernetesTypesRoot(), `${mod}.d.ts`);
    defs = fs.existsSync(file) ? parseDeclarations(mod, fs.readFileSync(file, 'utf8')) : {};
    modules.set(mod, defs);
  }
  return defs;
}

/** Parses one generated declaration file: doc comments, `export interface`, `export type` aliases. */
export function parseDeclarations(mod: string, text: string): Definitions {
  const prefix = definitionPrefixOf(mod);
  const imports = new Map<string, string>();
  for (const m of text.matchAll(/^import \{ ([^}]+) \} from "([^"]+)";$/gm)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(mod), m[2]));
    for (const n of m[1].split(',')) imports.set(n.trim(), definitionPrefixOf(target));
  }
  const qualify = (ident: string): string => `${imports.get(ident) ?? prefix}.${ident}`;
  const defs: Definitions = {};
  const lines = text.split('\n');
  let doc: string | undefined;
  let current: SchemaObject | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed.startsWith('/**')) {
      const body: string[] = [];
      let j = i;
      for (;;) {
        const l = lines[j].trim();
        body.push(l.replace(/^\/\*\*\s?/, '').replace(/\s?\*\/$/, '').replace(/^\*\s?/, ''));
        if (l.endsWith('*/')) break;
        j++;
      }
      i = j;
      doc = body.join('\n').replace(/^\n+|\n+$/g, '');
      continue;
    }
    const iface = /^export interface (\w+) \{$/.exec(line);
    if (iface) {
      current = { type: 'object', ...(doc ? { description: doc } : {}), properties: {} };
      defs[`${prefix}.${iface[1]}`] = current;
      doc = undefined;
      continue;
    }
    const alias = /^export type (\w+) = (.+);$/.exec(line);
    if (alias) {
      const name = `${prefix}.${alias[1]}`;
      const schema: SchemaObject = alias[2] === 'string' ? { type: 'string' } : { 'x-kubernetes-preserve-unknown-fields': true };
      if (FORMATS[name]) schema.format = FORMATS[name];
      defs[name] = { ...(doc ? { description: doc } : {}), ...schema };
      doc = undefined;
      continue;
    }
    if (line === '}') {
      if (current && Object.keys(current.properties!).length === 0) {
        // RawExtension, FieldsV1: free-form JSON objects.
        delete current.properties;
        current['x-kubernetes-preserve-unknown-fields'] = true;
      }
      current = undefined;
      continue;
    }
    const prop = /^ {4}(?:readonly )?(\$?[\w-]+|"[^"]+")(\?)?: (.*)$/.exec(line);
    if (current && prop) {
      let typeText = prop[3];
      while (!balanced(typeText) || !typeText.endsWith(';')) typeText += ' ' + lines[++i].trim();
      const name = prop[1].replace(/^"|"$/g, '');
      const schema = typeSchema(typeText.slice(0, -1).trim(), qualify);
      current.properties![name] = doc ? { ...schema, description: doc } : schema;
      if (!prop[2]) (current.required ??= []).push(name);
      doc = undefined;
    }
  }
  return defs;
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '{' || c === '<') depth++;
    else if (c === '}' || c === '>') depth--;
  }
  return depth === 0;
}

/** A TypeScript type expression of the generated declarations → schema. */
function typeSchema(t: string, qualify: (ident: string) => string): SchemaObject {
  if (t === 'string') return { type: 'string' };
  // kubernetes-types maps int32, int64 and double alike to number; the Kubernetes API is integral
  // almost everywhere, and validation accepts any JSON number for it.
  if (t === 'number') return { type: 'integer' };
  if (t === 'boolean') return { type: 'boolean' };
  if (t === 'number | string') return refTo(INT_OR_STRING);
  if (/^"[^"]*"$/.test(t)) return { type: 'string' };
  const arr = /^Array<(.+)>$/.exec(t);
  if (arr) return { type: 'array', items: typeSchema(arr[1], qualify) };
  const map = /^\{\s*\[name: string\]: (.+?);?\s*\}$/.exec(t);
  if (map) return { type: 'object', additionalProperties: typeSchema(map[1], qualify) };
  if (/^\w+$/.test(t)) return refTo(qualify(t));
  return { 'x-kubernetes-preserve-unknown-fields': true };
}
