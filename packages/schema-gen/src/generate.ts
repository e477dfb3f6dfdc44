import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { emitDefinitions } from './emit';
import { hasMarker } from './markers';
import { resourceFromInterface, type GeneratedResource } from './resource';
import { SchemaBuilder } from './schema-from-type';

export interface GenerateResult {
  /** The file written next to the types: `<dir>/definition.generated.ts`. */
  outFile: string;
  text: string;
  resources: GeneratedResource[];
}

/** Thrown with every problem found, each naming the field (`Widget.spec.count: +minimum needs a number`). */
export class SchemaGenError extends Error {}

/**
 * Reads `typesFile` with the TypeScript compiler (the program of the nearest tsconfig.json, so the
 * plugin's own imports resolve), finds the exported interfaces marked `+resource:…` and generates
 * their definitions. Nothing is written: the CLI writes or verifies.
 */
export function generate(typesFile: string): GenerateResult {
  const file = path.resolve(typesFile);
  const program = ts.createProgram([file], compilerOptions(file));
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new SchemaGenError(`${typesFile}: cannot read`);
  const builder = new SchemaBuilder(checker);
  const resources: GeneratedResource[] = [];
  for (const stmt of source.statements) {
    if (!ts.isInterfaceDeclaration(stmt) || !hasMarker(builder.docOf(stmt).markers, 'resource')) continue;
    resources.push(resourceFromInterface(stmt, builder, checker));
  }
  if (resources.length === 0) builder.errors.push(`${typesFile}: no interface is marked +resource:group=…,version=…`);
  if (builder.errors.length) throw new SchemaGenError(builder.errors.join('\n'));
  return { outFile: path.join(path.dirname(file), 'definition.generated.ts'), text: emitDefinitions(path.basename(file), resources), resources };
}

function compilerOptions(file: string): ts.CompilerOptions {
  const config = ts.findConfigFile(path.dirname(file), (f) => fs.existsSync(f));
  if (!config) return { strict: true, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, noEmit: true };
  const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  // Only the types file and what it imports: no ambient @types packages (node, mocha) to load and check.
  return { ...parsed?.options, noEmit: true, composite: false, declaration: false, types: [] };
}
