/**
 * Not a test of its own: conformance-mutants.test.ts runs this file in a child mocha with the JSON
 * reporter, so that the suite's failures against the mutants are data rather than red tests.
 */
import { KVStore } from '../kv/kv-store';
import { MemoryKV } from '../memory/memory-kv';
import { runStorageConformance } from './conformance';
import { mutantNames, newMutantFixture } from './mutants';

runStorageConformance('control: memory', async () => {
  const kv = new MemoryKV();
  return { storage: new KVStore(kv, { pathPrefix: '/registry' }), compact: (rev) => kv.compact(rev), teardown: () => kv.close() };
});
for (const name of mutantNames) runStorageConformance(`mutant: ${name}`, async () => newMutantFixture(name));
