import { readFileSync } from 'node:fs';
import path from 'node:path';
import { apiextensionsJSON, apiextensionsV1Package, jsonSchemaUnions } from './apiextensions-v1';
import { list, map, wellKnown, type FieldDescriptor, type FieldMode, type FieldType, type MessageDescriptor } from './descriptor';
import { decodeMessage } from './decode-message';
import type { ProtobufMessageRegistry } from './registry';
import { Duration, FieldsV1, IntOrString, MicroTime, Quantity, RawExtension, Time } from './well-known';

/*
 * The descriptor tables scripts/generate-protobuf.sh writes from the Go types of the pinned
 * Kubernetes API modules (tools/protobuf-gen): one JSON file per Go package, read when a kind of it
 * is first decoded, its messages built on first use.
 */

/** A table type: a scalar, a message ("Name", or "<import path>.Name" in another package), a list or a map. */
type TableType = string | { readonly list: TableType } | { readonly map: TableType };
type TableRow = readonly [number, string, TableType, FieldMode?];

interface PackageTable {
  readonly package: string;
  readonly apiVersion?: string;
  readonly kinds?: readonly string[];
  /** Named slices go-to-protobuf wraps in a message {repeated items = 1} (ExtraValue, Verbs). */
  readonly lists?: Readonly<Record<string, TableType>>;
  readonly messages: Readonly<Record<string, readonly TableRow[]>>;
}

interface TableIndex {
  readonly kubeAPIVersion: string;
  readonly packages: Readonly<Record<string, { readonly file: string; readonly apiVersion?: string }>>;
}

const scalars = new Set(['string', 'bool', 'int32', 'int64', 'uint32', 'double', 'bytes']);

/** Types that marshal their own JSON, by Go import path and name: their decoders are written by hand. */
const wellKnownTypes: ReadonlyMap<string, MessageDescriptor> = new Map([
  ['k8s.io/apimachinery/pkg/apis/meta/v1.Time', Time],
  ['k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime', MicroTime],
  ['k8s.io/apimachinery/pkg/apis/meta/v1.Duration', Duration],
  ['k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1', FieldsV1],
  ['k8s.io/apimachinery/pkg/util/intstr.IntOrString', IntOrString],
  ['k8s.io/apimachinery/pkg/api/resource.Quantity', Quantity],
  ['k8s.io/apimachinery/pkg/runtime.RawExtension', RawExtension],
  [`${apiextensionsV1Package}.JSON`, apiextensionsJSON],
]);

/** <package root>/generated/protobuf, three folders above this file in src/ and in dist/ alike. */
export const generatedTablesDir = path.resolve(__dirname, '../../../generated/protobuf');

/**
 * The protobuf messages of every kind the pinned Kubernetes release serves by default, as generated
 * from its Go types: what kube-apiserver's scheme can decode without a group declaring anything.
 */
export class GeneratedMessageTables implements ProtobufMessageRegistry {
  private index?: { kubeAPIVersion: string; byPackage: Map<string, string>; byAPIVersion: Map<string, string> };
  private readonly tables = new Map<string, PackageTable>();
  private readonly messages = new Map<string, MessageDescriptor>();

  constructor(private readonly dir: string = generatedTablesDir) {}

  lookup(apiVersion: string, kind: string): MessageDescriptor | undefined {
    const pkg = this.loadIndex().byAPIVersion.get(apiVersion);
    if (pkg === undefined || !this.table(pkg).kinds?.includes(kind)) return undefined;
    return this.message(pkg, kind);
  }

  /** The release the tables were generated from (KUBE_API_VERSION). */
  get kubeAPIVersion(): string {
    return this.loadIndex().kubeAPIVersion;
  }

  /** A message by Go import path and type name ("k8s.io/api/core/v1", "PodSpec"), for tables that embed built-in types. */
  message(pkg: string, name: string): MessageDescriptor {
    const qualified = `${pkg}.${name}`;
    const known = this.messages.get(qualified) ?? wellKnownTypes.get(qualified);
    if (known) return known;
    const table = this.table(pkg);
    if (Object.hasOwn(table.lists ?? {}, name)) return this.cache(qualified, this.wrappedList(pkg, name, table.lists![name]));
    if (pkg === apiextensionsV1Package && name.startsWith('JSONSchemaPropsOr')) {
      const unions = jsonSchemaUnions(this.message(pkg, 'JSONSchemaProps'));
      for (const [n, desc] of Object.entries(unions)) this.cache(`${pkg}.${n}`, desc);
      return this.messages.get(qualified) ?? this.missing(qualified);
    }
    const rows = Object.hasOwn(table.messages, name) ? table.messages[name] : this.missing(qualified);
    // Cached before its fields resolve, so that recursive messages (JSONSchemaProps) refer to themselves.
    const fields: FieldDescriptor[] = [];
    const byNumber = new Map<number, FieldDescriptor>();
    const desc = this.cache(qualified, { name, fields, byNumber });
    try {
      for (const [number, jsonName, type, mode] of rows) {
        const field: FieldDescriptor = { number, jsonName, type: this.fieldType(pkg, type), mode };
        fields.push(field);
        byNumber.set(number, field);
      }
    } catch (err) {
      this.messages.delete(qualified); // no half-built message for the next request
      throw err;
    }
    return desc;
  }

  private fieldType(pkg: string, type: TableType): FieldType {
    if (typeof type !== 'string') {
      const element = (t: TableType) => this.fieldType(pkg, t) as Exclude<FieldType, { list: unknown } | { map: unknown }>;
      return 'list' in type ? list(element(type.list)) : map(element(type.map));
    }
    if (scalars.has(type)) return type as FieldType;
    const dot = type.lastIndexOf('.');
    return dot < 0 ? this.message(pkg, type) : this.message(type.slice(0, dot), type.slice(dot + 1));
  }

  /** A named slice wrapped in a message {repeated items = 1}: JSON writes the bare list, null when empty (a nil slice). */
  private wrappedList(pkg: string, name: string, element: TableType): MessageDescriptor {
    const items = { number: 1, jsonName: 'items', type: this.fieldType(pkg, { list: element }) };
    const wire: MessageDescriptor = { name, fields: [items], byNumber: new Map([[1, items]]) };
    return wellKnown(name, (bytes, depth) => (decodeMessage(wire, bytes, depth) as { items?: string[] }).items ?? null);
  }

  private cache(qualified: string, desc: MessageDescriptor): MessageDescriptor {
    this.messages.set(qualified, desc);
    return desc;
  }

  private missing(qualified: string): never {
    throw new Error(`protobuf tables: no message ${qualified} (regenerate with scripts/generate-protobuf.sh)`);
  }

  private table(pkg: string): PackageTable {
    let table = this.tables.get(pkg);
    if (!table) {
      const file = this.loadIndex().byPackage.get(pkg);
      if (file === undefined) throw new Error(`protobuf tables: no table for Go package ${pkg}`);
      table = readJSON<PackageTable>(path.join(this.dir, file));
      this.tables.set(pkg, table);
    }
    return table;
  }

  private loadIndex() {
    if (!this.index) {
      const idx = readJSON<TableIndex>(path.join(this.dir, 'index.json'));
      const byPackage = new Map<string, string>();
      const byAPIVersion = new Map<string, string>();
      for (const [pkg, entry] of Object.entries(idx.packages)) {
        byPackage.set(pkg, entry.file);
        if (entry.apiVersion) byAPIVersion.set(entry.apiVersion, pkg);
      }
      this.index = { kubeAPIVersion: idx.kubeAPIVersion, byPackage, byAPIVersion };
    }
    return this.index;
  }
}

function readJSON<T>(file: string): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    // A missing table is a build that skipped its generator: say how to fix it rather than ENOENT.
    throw new Error(`protobuf tables: cannot read ${file}; run scripts/generate-protobuf.sh (npm run build does) — ${(err as Error).message}`);
  }
  return JSON.parse(text) as T;
}

/** The generated tables of the release kapi serves, shared by every group. */
export const builtinProtobufMessages = new GeneratedMessageTables();

/** A built-in message by Go import path and type name, for a plugin's hand-written table that embeds one. */
export function builtinMessage(pkg: string, name: string): MessageDescriptor {
  return builtinProtobufMessages.message(pkg, name);
}
