import type { Fields } from '../../../fields/selector';
import type { KObject } from '../../../runtime/object';
import type { Interface } from '../../interfaces';
import type { Attrs } from '../../selection-predicate';
import type { Watch, WatchEvent } from '../../watch';
import { Cacher, type CacherConfig } from '../cacher';

/** Test objects and helpers shared by the cacher's tests (memory and etcd). */
export function testPod(name: string, ns = 'ns', labels: Record<string, string> = {}, nodeName = ''): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels }, spec: { nodeName } };
}

export const podKey = (obj: KObject): string => `/pods/${obj.metadata?.namespace}/${obj.metadata?.name}`;

/** Pods' GetAttrs: name, namespace and spec.nodeName, as the pod strategy selects on. */
export function podAttrs(obj: KObject): Attrs {
  const fields: Fields = { 'metadata.name': obj.metadata?.name ?? '', 'metadata.namespace': obj.metadata?.namespace ?? '' };
  fields['spec.nodeName'] = (obj.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
  return { labels: obj.metadata?.labels, fields };
}

const nodeNameOf = (obj: KObject): string => (obj.spec as { nodeName?: string } | undefined)?.nodeName ?? '';

/** A Cacher for pods with kube-apiserver's pod trigger and index on spec.nodeName. */
export async function newPodCacher(storage: Interface, extra: Partial<CacherConfig> = {}): Promise<Cacher> {
  const cacher = new Cacher({
    storage,
    resourcePrefix: '/pods',
    keyFunc: podKey,
    newFunc: () => ({ apiVersion: 'v1', kind: 'Pod' }),
    getAttrs: podAttrs,
    triggerFuncs: [{ indexName: 'spec.nodeName', indexerFunc: nodeNameOf }],
    indexers: { 'f:spec.nodeName': (obj) => [nodeNameOf(obj)] },
    ...extra,
  });
  await cacher.waitReady();
  return cacher;
}

/**
 * Reads a watch in the background so a test can wait for events with a timeout without losing
 * the one that arrives after it (a raced iterator.next() would swallow it).
 */
export class EventReader {
  readonly events: WatchEvent[] = [];
  ended = false;
  private notify?: () => void;

  constructor(readonly watch: Watch) {
    void (async () => {
      for await (const ev of watch) {
        this.events.push(ev);
        this.notify?.();
      }
      this.ended = true;
      this.notify?.();
    })();
  }

  /** Resolves once cond holds over the events read so far, or false after timeoutMs. */
  async until(cond: (events: WatchEvent[]) => boolean, timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!cond(this.events)) {
      if (this.ended || Date.now() >= deadline) return cond(this.events);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(50, deadline - Date.now()));
        this.notify = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return true;
  }

  /** Waits for n events (or the end) and returns them. */
  async take(n: number, timeoutMs = 5000): Promise<WatchEvent[]> {
    await this.until((evs) => evs.length >= n, timeoutMs);
    return this.events.slice(0, n);
  }
}

/** "TYPE name@rv" for compact assertions. */
export function describeEvent(ev: WatchEvent | 'end' | 'timeout'): string {
  if (typeof ev === 'string') return ev;
  const obj = ev.object as KObject;
  return `${ev.type} ${obj.metadata?.name ?? ''}@${obj.metadata?.resourceVersion ?? ''}`;
}

/**
 * Moves a cacher's event history past revision the way production does: by writes that make the
 * bounded history evict its oldest events (the cacher needs a fixed maxCacheSize). The writes go to
 * one object in a namespace of their own, deleted at the end.
 */
export async function evictHistoryThrough(cacher: Cacher, revision: number, filler = testPod('history-filler', 'zz-history-filler'), keyOf = podKey): Promise<void> {
  const key = keyOf(filler);
  let last = await cacher.create(key, filler);
  while (cacher.watchCache.oldestResourceVersion < revision) {
    if (!(await cacher.watchCache.waitUntilFresh(Number(last.metadata?.resourceVersion), 3000))) throw new Error('the cache did not see the filler writes');
    if (cacher.watchCache.oldestResourceVersion >= revision) break;
    last = await cacher.guaranteedUpdate(key, {
      tryUpdate: async (c) => ({ obj: { ...c, metadata: { ...c.metadata, labels: { n: String(Number(c.metadata?.labels?.n ?? 0) + 1) } } } }),
    });
  }
  await cacher.delete(key);
}
