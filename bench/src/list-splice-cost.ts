/**
 * CPU of a cached LIST of 5,000 bench ConfigMaps in one process: the watch cache's items decoded and then
 * spliced (Cacher.getList + rawJSONResponse, the path before LIST-from-cached-bytes) against spliced straight
 * from the cached JSON (Cacher.getListRawJSON); checks both give the same document.
 *   node --conditions=kapi-source --require tsx/cjs bench/src/list-splice-cost.ts
 */
import { storage } from '@kapi/apiserver-core';
import { configMap } from './payload';
const { newPodCacher } = storage.cacherTesting;
async function main() {
  const kv = new storage.MemoryKV();
  const backend = new storage.KVStore(kv, { pathPrefix: '/registry', newFunc: () => ({ apiVersion: 'v1', kind: 'ConfigMap' }) });
  const cacher = await newPodCacher(backend);
  let last: { metadata?: { resourceVersion?: string } } | undefined;
  for (let i = 0; i < 5000; i++)
    last = await cacher.create(`/pods/ns/item-${i}`, { ...configMap('ns', `item-${i}`), metadata: { ...configMap('ns', `item-${i}`).metadata, uid: `u-${i}` } } as never);
  await cacher.watchCache.waitUntilFresh(Number(last?.metadata?.resourceVersion), 10000);
  const pred = storage.everything(storage.cacherTesting.podAttrs);
  const opts = { resourceVersion: '0', predicate: pred, recursive: true };
  const cpu = async (f: () => Promise<unknown>) => {
    const t = process.cpuUsage();
    for (let i = 0; i < 20; i++) await f();
    const u = process.cpuUsage(t);
    return (u.user + u.system) / 20 / 1000;
  };
  const { rawJSONResponse } = require('../../packages/apiserver-core/src/runtime/raw-json');
  const decoded = async () => {
    const l = await cacher.getList('/pods/ns', opts);
    return rawJSONResponse({ apiVersion: 'v1', kind: 'ConfigMapList', metadata: { resourceVersion: l.resourceVersion }, items: l.items });
  };
  const raw = async () => {
    const l = (await cacher.getListRawJSON('/pods/ns', opts))!;
    return `{"apiVersion":"v1","kind":"ConfigMapList","metadata":{"resourceVersion":"${l.resourceVersion}"},"items":[${l.items.join(',')}]}`;
  };
  if ((await decoded()) !== (await raw())) throw new Error('different documents');
  const r: Record<string, number[]> = { decoded: [], raw: [] };
  for (let i = 0; i < 4; i++) {
    r.decoded.push(await cpu(decoded));
    r.raw.push(await cpu(raw));
  }
  console.log(JSON.stringify({ cpuMsPerList5k: { decodedThenSpliced: Math.min(...r.decoded).toFixed(1), splicedFromCache: Math.min(...r.raw).toFixed(1) } }));
  await cacher.destroy();
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
