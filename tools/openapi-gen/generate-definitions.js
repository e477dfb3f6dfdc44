#!/usr/bin/env node
'use strict';
// Usage: node generate-definitions.js <k8s.io/kubernetes module dir> <output dir>
//
// Merges components.schemas of every OpenAPI v3 document the Kubernetes release ships
// (api/openapi-spec/v3/*.json, one per group-version) into one definitions.json keyed by definition
// name, and copies the release's discovery (api/discovery/aggregated_v2.json, api__v1.json) beside it.
// Everything the spec says is kept (descriptions, formats, defaults, x-kubernetes-* extensions);
// only references change shape, see unwrapRefs.

const fs = require('node:fs');
const path = require('node:path');

const COMPONENTS_PREFIX = '#/components/schemas/';

function fail(message) {
  process.stderr.write(`generate-definitions: ${message}\n`);
  process.exit(1);
}

/**
 * kube-openapi writes a reference that has siblings (a description, a default) as
 * `allOf: [{$ref}]`, because OpenAPI 3.0 ignores siblings of $ref. kapi keeps one in-memory form
 * for built-in and plugin schemas alike, `{$ref, ...siblings}` (schema/types.ts refTo), and wraps it
 * again when it serves a v3 document, so the round trip gives back kube's bytes.
 */
function unwrapRefs(schema) {
  if (Array.isArray(schema)) return schema.map(unwrapRefs);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    // Values of these keywords are data, not schemas: copy them as they are.
    if (key === 'default' || key === 'enum' || key === 'example' || key.startsWith('x-')) out[key] = value;
    else if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapRefs(v)]));
    else out[key] = unwrapRefs(value);
  }
  const only = Array.isArray(out.allOf) && out.allOf.length === 1 ? out.allOf[0] : undefined;
  if (only && Object.keys(only).length === 1 && typeof only.$ref === 'string') {
    delete out.allOf;
    return { $ref: only.$ref, ...out };
  }
  return out;
}

function checkRefs(schema, where) {
  if (schema === null || typeof schema !== 'object') return;
  if (typeof schema.$ref === 'string' && !schema.$ref.startsWith(COMPONENTS_PREFIX)) fail(`${where}: unexpected reference ${schema.$ref}`);
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties') Object.values(value).forEach((p) => checkRefs(p, where));
    else if (key !== 'default' && key !== 'enum' && key !== 'example' && !key.startsWith('x-')) checkRefs(value, where);
  }
}

/** Every definition of every v3 document; the same name must mean the same schema everywhere. */
function mergeSchemas(specDir) {
  const files = fs.readdirSync(specDir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) fail(`no OpenAPI v3 documents in ${specDir}`);
  const merged = new Map();
  for (const file of files) {
    const doc = JSON.parse(fs.readFileSync(path.join(specDir, file), 'utf8'));
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      const text = JSON.stringify(schema);
      const seen = merged.get(name);
      if (seen && seen.text !== text) fail(`${name} differs between ${seen.file} and ${file}`);
      merged.set(name, { text, file, schema });
    }
  }
  const definitions = {};
  for (const name of [...merged.keys()].sort()) {
    checkRefs(merged.get(name).schema, name);
    definitions[name] = unwrapRefs(merged.get(name).schema);
  }
  return definitions;
}

function main() {
  const [moduleDir, outDir] = process.argv.slice(2);
  if (!moduleDir || !outDir) fail('usage: generate-definitions.js <module dir> <output dir>');
  const definitions = mergeSchemas(path.join(moduleDir, 'api', 'openapi-spec', 'v3'));
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'definitions.json'), JSON.stringify(definitions));
  // The release's discovery, oracles for tests: every named group (aggregated) and the legacy core group.
  for (const name of ['aggregated_v2.json', 'api__v1.json']) {
    fs.copyFileSync(path.join(moduleDir, 'api', 'discovery', name), path.join(outDir, name));
    // The module cache is read-only; the copies must not be, or the next generation cannot replace them.
    fs.chmodSync(path.join(outDir, name), 0o644);
  }
  process.stdout.write(`generate-definitions: ${Object.keys(definitions).length} definitions\n`);
}

main();
