import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Root, type Field } from 'protobufjs';
import { generatedTablesDir } from './generated-tables';

/*
 * The tables are read from the Go struct tags; kube's generated.proto files are written from the same
 * types by go-to-protobuf. Both come with the pinned modules, so every generated message is checked
 * against its .proto message: same field numbers, list/map/singular shape, scalar and message types,
 * and no .proto field missing from the table.
 */
const repoRoot = path.resolve(__dirname, '../../../../..');
const modules = ['k8s.io/api', 'k8s.io/apimachinery', 'k8s.io/apiextensions-apiserver', 'k8s.io/kube-aggregator'];

/** Module path → source directory in GOMODCACHE, for the version scripts/kube-version.env pins. */
function moduleDirs(): Map<string, string> {
  const env = readFileSync(path.join(repoRoot, 'scripts/kube-version.env'), 'utf8');
  const version = /^KUBE_API_VERSION=(\S+)/m.exec(env)?.[1];
  if (!version) throw new Error('KUBE_API_VERSION missing from scripts/kube-version.env');
  const cwd = mkdtempSync(path.join(tmpdir(), 'kapi-proto-'));
  try {
    const out = execFileSync('go', ['mod', 'download', '-json', ...modules.map((m) => `${m}@${version}`)], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GOFLAGS: '' },
    });
    const dirs = [...out.matchAll(/"Path": "([^"]+)",[\s\S]*?"Dir": "([^"]+)"/g)];
    return new Map(dirs.map(([, mod, dir]) => [mod, dir]));
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

type TableType = string | { list: TableType } | { map: TableType };
const scalars = new Set(['string', 'bool', 'int32', 'int64', 'uint32', 'double', 'bytes']);

function disagreement(name: string, [number, jsonName, type]: [number, string, TableType], field: Field | undefined): string | undefined {
  const at = `${name}.${jsonName || number}`;
  if (!field) return `${at}: no field ${number} in generated.proto`;
  const isList = typeof type === 'object' && 'list' in type;
  const isMap = typeof type === 'object' && 'map' in type;
  const protoMap = (field as Field & { map?: boolean }).map === true;
  if (isMap !== protoMap || isList !== (field.repeated && !protoMap)) return `${at}: ${JSON.stringify(type)}, .proto ${field.repeated ? 'repeated ' : ''}${field.type}`;
  const element = isList ? type.list : isMap ? type.map : type;
  if (typeof element !== 'string') return `${at}: nested ${JSON.stringify(type)}`;
  if (scalars.has(element)) return field.type === element ? undefined : `${at}: ${element}, .proto ${field.type}`;
  const messageName = element.slice(element.lastIndexOf('.') + 1);
  return field.resolvedType?.name === messageName ? undefined : `${at}: ${element}, .proto ${field.type}`;
}

describe('generated protobuf tables agree with generated.proto', () => {
  it('every message: field numbers, shapes and types as the release .proto declares, none left out', function () {
    this.timeout(60_000);
    const dirs = moduleDirs();
    const root = new Root();
    root.resolvePath = (_origin, target) => {
      const mod = modules.filter((m) => target.startsWith(`${m}/`)).sort((a, b) => b.length - a.length)[0];
      return mod ? path.join(dirs.get(mod)!, target.slice(mod.length)) : target;
    };
    const index = JSON.parse(readFileSync(path.join(generatedTablesDir, 'index.json'), 'utf8')) as { packages: Record<string, { file: string }> };
    for (const pkg of Object.keys(index.packages)) root.loadSync(`${pkg}/generated.proto`, { keepCase: true });
    root.resolveAll();

    const problems: string[] = [];
    let rows = 0;
    for (const [pkg, { file }] of Object.entries(index.packages)) {
      const table = JSON.parse(readFileSync(path.join(generatedTablesDir, file), 'utf8')) as { messages: Record<string, [number, string, TableType][]> };
      const protoPackage = pkg.replace(/\//g, '.').replace(/-/g, '_');
      for (const [name, messageRows] of Object.entries(table.messages)) {
        const type = root.lookupType(`${protoPackage}.${name}`);
        for (const row of messageRows) {
          rows++;
          const problem = disagreement(name, row, type.fieldsById[row[0]]);
          if (problem) problems.push(problem);
        }
        const numbers = new Set(messageRows.map(([n]) => n));
        for (const f of type.fieldsArray) if (!numbers.has(f.id)) problems.push(`${name}: .proto field ${f.name} = ${f.id} missing from the table`);
      }
    }
    expect(problems).to.deep.equal([]);
    expect(rows).to.be.greaterThan(1000);
  });
});
