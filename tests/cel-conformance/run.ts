/**
 * Runs the cel-spec conformance suite's simple tests (generated as JSON into .cache by
 * scripts/ensure-cel-conformance.sh) against kapi's CEL engine as kapi uses it: an environment of
 * apiserver-core/src/cel with the test's variables declared, compile (parse and type-check), evaluate.
 * Run directly for the per-section report; `--update-ratchet` rewrites passing.txt.
 *
 *   npx tsx --conditions=kapi-source tests/cel-conformance/run.ts [--update-ratchet]
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { cel } from '@kapi/apiserver-core';

const { CELEnvironment, compile } = cel;
type CELVariables = cel.CELVariables;

/* The protojson shapes of cel.expr.Value, cel.expr.Type and the SimpleTest messages (proto field names). */
interface Value {
  null_value?: null | string;
  bool_value?: boolean;
  int64_value?: string;
  uint64_value?: string;
  double_value?: number | string;
  string_value?: string;
  bytes_value?: string;
  enum_value?: { type: string; value?: number };
  object_value?: { '@type': string };
  map_value?: { entries?: { key: Value; value: Value }[] };
  list_value?: { values?: Value[] };
  type_value?: string;
}
interface CelType {
  primitive?: string;
  wrapper?: string;
  well_known?: string;
  list_type?: { elem_type: CelType };
  map_type?: { key_type: CelType; value_type: CelType };
  message_type?: string;
  dyn?: unknown;
  null?: unknown;
  type?: CelType;
  abstract_type?: unknown;
  type_param?: string;
  function?: unknown;
}
interface Decl {
  name: string;
  ident?: { type: CelType };
  function?: unknown;
}
export interface SimpleTest {
  name: string;
  expr: string;
  disable_macros?: boolean;
  disable_check?: boolean;
  check_only?: boolean;
  type_env?: Decl[];
  container?: string;
  bindings?: Record<string, { value?: Value }>;
  value?: Value;
  typed_result?: { result?: Value };
  eval_error?: unknown;
  any_eval_errors?: unknown;
  unknown?: unknown;
  any_unknowns?: unknown;
}
interface SimpleTestFile {
  name: string;
  section?: { name: string; test?: SimpleTest[] }[];
}

export interface Outcome {
  file: string;
  section: string;
  test: string;
  id: string;
  passed: boolean;
  reason?: string;
}

class Unsupported extends Error {}

const primitives: Record<string, string> = { BOOL: 'bool', INT64: 'int', UINT64: 'uint', DOUBLE: 'double', STRING: 'string', BYTES: 'bytes' };

/** A declared type as the engine spells it; what it cannot declare (messages, wrappers, type params) is dyn. */
function typeName(t: CelType): string {
  if (t.primitive) return primitives[t.primitive] ?? 'dyn';
  if (t.list_type) return `list<${typeName(t.list_type.elem_type)}>`;
  if (t.map_type) return `map<${typeName(t.map_type.key_type)}, ${typeName(t.map_type.value_type)}>`;
  if (t.well_known === 'TIMESTAMP') return 'google.protobuf.Timestamp';
  if (t.well_known === 'DURATION') return 'google.protobuf.Duration';
  if (t.null !== undefined) return 'null';
  return 'dyn';
}

let unsignedInteger: (new (v: bigint) => unknown) | undefined;

/** A test's binding as a JS value of the engine: integers BigInt, uints its UnsignedInteger, maps Map, bytes Uint8Array. */
function toJS(v: Value): unknown {
  if ('null_value' in v) return null;
  if (v.bool_value !== undefined) return v.bool_value;
  if (v.int64_value !== undefined) return BigInt(v.int64_value);
  if (v.uint64_value !== undefined) {
    unsignedInteger ??= (compile('0u', new CELEnvironment({})).evaluate({}).value as object).constructor as new (v: bigint) => unknown;
    return new unsignedInteger(BigInt(v.uint64_value));
  }
  if (v.double_value !== undefined) return Number(v.double_value);
  if (v.string_value !== undefined) return v.string_value;
  if (v.bytes_value !== undefined) return new Uint8Array(Buffer.from(v.bytes_value, 'base64'));
  if (v.list_value) return (v.list_value.values ?? []).map(toJS);
  if (v.map_value) return new Map((v.map_value.entries ?? []).map((e) => [toJS(e.key), toJS(e.value)]));
  if (v.enum_value) return BigInt(v.enum_value.value ?? 0);
  throw new Unsupported(`binding of ${Object.keys(v).join(',')}`);
}

/** A canonical form both the expected Value and the engine's result map to, so that they compare with deep equality. */
function canonExpected(v: Value): unknown {
  if ('null_value' in v) return ['null'];
  if (v.bool_value !== undefined) return ['bool', v.bool_value];
  if (v.int64_value !== undefined) return ['int', v.int64_value];
  if (v.uint64_value !== undefined) return ['uint', v.uint64_value];
  if (v.double_value !== undefined) return ['double', String(Number(v.double_value))];
  if (v.string_value !== undefined) return ['string', v.string_value];
  if (v.bytes_value !== undefined) return ['bytes', Buffer.from(v.bytes_value, 'base64').toString('hex')];
  if (v.list_value) return ['list', (v.list_value.values ?? []).map(canonExpected)];
  if (v.map_value) return ['map', (v.map_value.entries ?? []).map((e) => [mapKey(canonExpected(e.key)), canonExpected(e.value)]).sort(byKey)];
  if (v.type_value !== undefined) return ['type', v.type_value];
  if (v.enum_value) return ['int', String(v.enum_value.value ?? 0)];
  throw new Unsupported(`expected ${Object.keys(v).join(',')}`);
}

/** Map keys compare by their text: the engine keeps maps as objects, whose keys are strings. */
const mapKey = (k: unknown): string => {
  const c = k as unknown[];
  return String(c[1] ?? c[0]);
};
const byKey = (a: unknown, b: unknown) => ((a as string[])[0] < (b as string[])[0] ? -1 : 1);

function canonActual(v: unknown): unknown {
  if (v === null) return ['null'];
  if (typeof v === 'boolean') return ['bool', v];
  if (typeof v === 'bigint') return ['int', String(v)];
  if (typeof v === 'number') return ['double', String(v)];
  if (typeof v === 'string') return ['string', v];
  if (v instanceof Uint8Array) return ['bytes', Buffer.from(v).toString('hex')];
  if (Array.isArray(v)) return ['list', v.map(canonActual)];
  const ctor = (v as object).constructor?.name;
  if (ctor === 'UnsignedInt' || ctor === 'UnsignedInteger') return ['uint', String(BigInt((v as { value: number | bigint }).value))];
  if (ctor === 'Type') return ['type', (v as { name: string }).name];
  if (v instanceof Map) return ['map', [...v.entries()].map(([k, x]) => [mapKey(canonActual(k)), canonActual(x)]).sort(byKey)];
  if (ctor === 'Object')
    return [
      'map',
      Object.entries(v as object)
        .map(([k, x]) => [k, canonActual(x)])
        .sort(byKey),
    ];
  return ['unsupported', ctor];
}

/** Runs one test; the reason says why it failed. */
export function runTest(t: SimpleTest): { passed: boolean; reason?: string } {
  try {
    if (t.disable_macros) throw new Unsupported('disable_macros');
    if (t.container) throw new Unsupported('container');
    if (t.unknown !== undefined || t.any_unknowns !== undefined) throw new Unsupported('unknowns');
    const variables: CELVariables = {};
    for (const d of t.type_env ?? []) {
      if (!d.ident) throw new Unsupported('function declarations');
      variables[d.name] = typeName(d.ident.type);
    }
    for (const name of Object.keys(t.bindings ?? {})) variables[name] ??= 'dyn';
    const wantsError = t.eval_error !== undefined || t.any_eval_errors !== undefined;
    let program;
    try {
      program = compile(t.expr, new CELEnvironment(variables));
    } catch (err) {
      // kapi always type-checks: a program the spec runs unchecked to an error may be refused here instead.
      if (wantsError && t.disable_check) return { passed: true };
      return { passed: false, reason: `compile: ${(err as Error).message}` };
    }
    if (t.check_only) return { passed: true };
    const activation = Object.fromEntries(Object.entries(t.bindings ?? {}).map(([k, b]) => [k, toJS(b.value ?? {})]));
    let value: unknown;
    try {
      value = program.evaluate(activation).value;
    } catch (err) {
      return wantsError ? { passed: true } : { passed: false, reason: `evaluate: ${(err as Error).message}` };
    }
    if (wantsError) return { passed: false, reason: 'no error' };
    const expected = canonExpected(t.typed_result?.result ?? t.value ?? { bool_value: true });
    const actual = canonActual(value);
    return isDeepStrictEqual(actual, expected) ? { passed: true } : { passed: false, reason: `got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}` };
  } catch (err) {
    return { passed: false, reason: err instanceof Unsupported ? `unsupported: ${err.message}` : `harness: ${(err as Error).message}` };
  }
}

/** The directory of the generated JSON (building it if needed). */
export function conformanceDir(): string {
  return execFileSync('bash', [path.join(__dirname, '../../scripts/ensure-cel-conformance.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

export function runSuite(dir = conformanceDir()): Outcome[] {
  const out: Outcome[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const file = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as SimpleTestFile;
    for (const section of file.section ?? []) {
      for (const t of section.test ?? []) {
        out.push({ file: file.name, section: section.name, test: t.name, id: `${file.name}/${section.name}/${t.name}`, ...runTest(t) });
      }
    }
  }
  return out;
}

export const ratchetFile = path.join(__dirname, 'passing.txt');

/** The test ids that passed when the ratchet was last written. */
export function readRatchet(): string[] {
  return readFileSync(ratchetFile, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
}

/** Passed/total per key (file, or file/section). */
export function tally(outcomes: Outcome[], key: (o: Outcome) => string): Map<string, { passed: number; total: number }> {
  const m = new Map<string, { passed: number; total: number }>();
  for (const o of outcomes) {
    const t = m.get(key(o)) ?? { passed: 0, total: 0 };
    t.total++;
    if (o.passed) t.passed++;
    m.set(key(o), t);
  }
  return m;
}

if (require.main === module) {
  const outcomes = runSuite();
  for (const [section, t] of tally(outcomes, (o) => `${o.file}/${o.section}`)) {
    console.log(`${t.passed === t.total ? 'PASS' : 'FAIL'} ${section} ${t.passed}/${t.total}`);
  }
  const passed = outcomes.filter((o) => o.passed);
  const rate = (os: Outcome[]) => `${os.filter((o) => o.passed).length}/${os.length} (${((100 * os.filter((o) => o.passed).length) / os.length).toFixed(1)} %)`;
  // Files named *_ext test CEL's extension libraries (math, strings, encoders, bindings, block); the rest is core CEL.
  const core = outcomes.filter((o) => !o.file.endsWith('_ext'));
  console.log(
    `total ${rate(outcomes)}; core CEL (no *_ext files) ${rate(core)}; core without protobuf messages (no proto2/proto3 files) ${rate(core.filter((o) => !/^proto[23]$/.test(o.file)))}`,
  );
  if (process.argv.includes('--verbose')) for (const o of outcomes.filter((x) => !x.passed)) console.log(`  ${o.id}: ${o.reason}`);
  if (process.argv.includes('--update-ratchet')) {
    writeFileSync(ratchetFile, `# cel-spec conformance tests kapi's CEL engine passes (tests/cel-conformance/run.ts --update-ratchet)\n${passed.map((o) => o.id).join('\n')}\n`);
  }
}
