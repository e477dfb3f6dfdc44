/**
 * The cost of encryption at rest per write, in one run: the same ~1 KB object created through
 * storage.KVStore with each provider of an EncryptionConfiguration (identity = no encryption), on
 * the memory KV (the transformer's CPU alone shows) and the embedded KV (a synced write, the
 * server's real floor). Rounds are interleaved and the best kept, as in the main benchmark.
 *
 *   node --conditions=kapi-source --require tsx/cjs bench/src/encryption-cost.ts [--writes N] [--rounds N]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { storage } from '@kapi/apiserver-core';
import { EmbeddedKV } from '@kapi/storage-embedded';
import { configMap } from './payload';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const writes = arg('writes', 2000);
const rounds = arg('rounds', 3);

const key = (n: number) => Buffer.alloc(32, n).toString('base64');
const providers: Record<string, object> = {
  identity: { identity: {} },
  aescbc: { aescbc: { keys: [{ name: 'k1', secret: key(1) }] } },
  aesgcm: { aesgcm: { keys: [{ name: 'k1', secret: key(2) }] } },
  secretbox: { secretbox: { keys: [{ name: 'k1', secret: key(3) }] } },
};

function transformerFor(dir: string, provider: object): storage.Transformer | undefined {
  const file = path.join(dir, 'encryption.json');
  writeFileSync(
    file,
    JSON.stringify({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration', resources: [{ resources: ['configmaps'], providers: [provider] }] }),
  );
  return storage.loadEncryptionConfig(file).transformerForResource({ group: '', resource: 'configmaps' });
}

/** Sequential creates (one in flight, as one client waits for each): µs per write. */
async function measure(kv: storage.KV, transformer: storage.Transformer | undefined, round: number): Promise<number> {
  const store = new storage.KVStore(kv, { pathPrefix: '/registry', transformer });
  const start = process.hrtime.bigint();
  for (let i = 0; i < writes; i++) {
    await store.create(`/configmaps/bench/r${round}-${i}`, configMap('bench', `r${round}-${i}`) as never);
  }
  return Number(process.hrtime.bigint() - start) / 1000 / writes;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kapi-enc-bench-'));
  try {
    const best: Record<string, Record<string, number>> = { memory: {}, embedded: {} };
    const memory = new storage.MemoryKV();
    const embedded = new EmbeddedKV({ dataDir: path.join(dir, 'data') });
    for (let round = 0; round < rounds; round++) {
      for (const [name, provider] of Object.entries(providers)) {
        const t = transformerFor(dir, provider);
        for (const [backend, kv] of [
          ['memory', memory],
          ['embedded', embedded],
        ] as const) {
          const us = await measure(kv, t, round * 10 + Object.keys(providers).indexOf(name) + (backend === 'memory' ? 0 : 100));
          best[backend][name] = Math.min(best[backend][name] ?? Infinity, us);
        }
      }
    }
    await memory.close();
    await embedded.close();
    for (const backend of Object.keys(best)) {
      const base = best[backend].identity;
      for (const [name, us] of Object.entries(best[backend])) {
        process.stderr.write(`${backend.padEnd(9)} ${name.padEnd(10)} ${us.toFixed(1).padStart(8)} µs/write  (+${(us - base).toFixed(1)} µs, ×${(us / base).toFixed(2)})\n`);
      }
    }
    process.stdout.write(`${JSON.stringify({ writes, rounds, usPerWrite: best })}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
