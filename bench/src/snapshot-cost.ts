/**
 * Snapshot time and size of the embedded backend: N objects (the ~1 KB payload of every figure)
 * written through the embedded KV, then `saveSnapshot` and `restoreSnapshot` timed.
 *
 *   node --conditions=kapi-source --require tsx/cjs bench/src/snapshot-cost.ts [--objects 50000]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedKV, restoreSnapshot, saveSnapshot, storeFileName } from '@kapi/storage-embedded';
import { configMap } from './payload';

const i = process.argv.indexOf('--objects');
const objects = i > 0 ? Number(process.argv[i + 1]) : 50_000;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kapi-snap-bench-'));
  try {
    const dataDir = path.join(dir, 'data');
    const kv = new EmbeddedKV({ dataDir });
    const started = Date.now();
    // 64 writes in flight, as the server would batch concurrent clients into one sync.
    for (let n = 0; n < objects; n += 64) {
      await Promise.all(
        Array.from({ length: Math.min(64, objects - n) }, (_, j) =>
          kv.create(`/registry/configmaps/bench/cm-${n + j}`, Buffer.from(JSON.stringify(configMap('bench', `cm-${n + j}`)))),
        ),
      );
    }
    const fillMs = Date.now() - started;
    const storeBytes = statSync(path.join(dataDir, storeFileName)).size;
    const file = path.join(dir, 'snap.db');
    let t = Date.now();
    // The server stays open: the snapshot is taken beside a live writer's environment.
    const saved = await saveSnapshot(dataDir, file);
    const saveMs = Date.now() - t;
    await kv.close();
    t = Date.now();
    await restoreSnapshot(file, path.join(dir, 'restored'));
    const restoreMs = Date.now() - t;
    const result = { objects, fillMs, storeBytes, snapshotBytes: saved.bytes, saveMs, restoreMs };
    process.stderr.write(`${objects} objects: store ${(storeBytes / 1e6).toFixed(1)} MB, snapshot ${(saved.bytes / 1e6).toFixed(1)} MB in ${saveMs} ms, restore ${restoreMs} ms\n`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
