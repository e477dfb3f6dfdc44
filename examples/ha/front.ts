// The example's one address: tests/support/ha/front.ts (round robin over the instances, TLS passed
// through, an instance skipped while its /readyz fails), run on its own.
//   node --require tsx/cjs examples/ha/front.ts <listen port> <ca.crt> <instance port>...
import { readFileSync } from 'node:fs';
import { Front } from '../../tests/support/ha/front';

const [port, caFile, ...backends] = process.argv.slice(2);
void Front.start(() => backends.map(Number), { port: Number(port), ca: readFileSync(caFile, 'utf8') }).then((front) => {
  process.stdout.write(`front serving on ${front.url} -> ${backends.join(', ')}\n`);
});
