import { performance } from 'node:perf_hooks';
import type { FillResult } from '../load/jobs';
import { configMap } from '../payload';
import { runJob } from '../processes/load-worker';
import type { ClientTLS } from '../load/jobs';
import { apiFetch, type BenchContext } from './context';

async function countCached(url: string, namespace: string, tls?: ClientTLS): Promise<number> {
  const res = await apiFetch(`${url}/api/v1/namespaces/${namespace}/configmaps?resourceVersion=0`, {}, tls);
  if (res.status !== 200) throw new Error(`LIST ${namespace}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return ((await res.json()) as { items: unknown[] }).items.length;
}

/**
 * Puts `count` ConfigMaps into a namespace quickly: one created through kapi (so the bytes are
 * exactly what kapi stores), then copies of it written straight to etcd, then a wait until kapi's
 * LIST (resourceVersion=0, the cache when it is on) has them all. Returns the objects in the list.
 */
export async function fillNamespace(
  ctx: BenchContext,
  url: string,
  etcdPrefix: string,
  namespace: string,
  count: number,
  tls?: ClientTLS,
  etcdEndpoint = ctx.etcdEndpoint,
): Promise<number> {
  const templateName = 'fill-template';
  const post = await apiFetch(
    `${url}/api/v1/namespaces/${namespace}/configmaps`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(configMap(namespace, templateName)),
    },
    tls,
  );
  if (post.status !== 201 && post.status !== 409) throw new Error(`create ${templateName}: ${post.status} ${await post.text()}`);
  const r = await runJob<FillResult>(
    {
      kind: 'etcd-fill',
      endpoint: etcdEndpoint,
      templateKey: `${etcdPrefix}/configmaps/${namespace}/${templateName}`,
      templateName,
      namePrefix: 'item',
      count: count - 1,
      concurrency: ctx.cfg.concurrency,
    },
    300_000,
  );
  const deadline = performance.now() + 120_000;
  for (;;) {
    const n = await countCached(url, namespace, tls);
    if (n >= count) {
      ctx.log(`filled ${namespace}: ${r.written + 1} objects (${((r.written * 1000) / r.elapsedMs).toFixed(0)} puts/s into etcd), all in kapi's list`);
      return n;
    }
    if (performance.now() > deadline) throw new Error(`${namespace}: kapi lists ${n} of ${count} objects 120 s after they were written`);
    await new Promise((res) => setTimeout(res, 500));
  }
}
