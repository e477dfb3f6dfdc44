#!/usr/bin/env node
import * as fs from 'node:fs';
import { generate, SchemaGenError } from './generate';

/**
 * kapi-schema-gen [--verify] <types.ts>…: writes definition.generated.ts beside each types file, or with
 * --verify exits 1 when a checked-in one is out of date (CI's guard that nobody edited it by hand).
 */
function main(argv: string[]): number {
  const verify = argv.includes('--verify');
  const files = argv.filter((a) => a !== '--verify');
  if (files.length === 0) {
    process.stderr.write('usage: kapi-schema-gen [--verify] <types.ts>...\n');
    return 2;
  }
  let status = 0;
  for (const f of files) {
    try {
      const { outFile, text } = generate(f);
      const current = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : undefined;
      if (verify && current !== text) {
        process.stderr.write(`${outFile} is out of date: run kapi-schema-gen ${f}\n`);
        status = 1;
      } else if (!verify && current !== text) {
        fs.writeFileSync(outFile, text);
        process.stdout.write(`wrote ${outFile}\n`);
      }
    } catch (e) {
      if (!(e instanceof SchemaGenError)) throw e;
      process.stderr.write(`${e.message}\n`);
      status = 1;
    }
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
