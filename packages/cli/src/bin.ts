import 'reflect-metadata';
import { main } from './main';

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`Error: ${(err as Error).message ?? String(err)}\n`);
    process.exit(1);
  },
);
