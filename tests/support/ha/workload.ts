import { now, type OpRecord, type WatchEventRecord, type WatchRecord } from './history';
import { sleep } from './etcd-cluster';

/**
 * The recorded load of the HA fault tests: workers doing ConfigMap creates, updates with a
 * resourceVersion precondition, deletes, gets and lists through one address (the Front), each
 * attempt recorded with its call and return times; and watchers that follow the same objects on
 * one instance after the other, resuming from their last resourceVersion when their instance goes.
 * Every write carries a value unique in the run, so a read names the write it saw.
 */
export interface Load {
  ops: OpRecord[];
  /** Attempts whose answer was not definite (timeouts, resets, 5xx), with when they returned. */
  failures: { at: number; op: string; error: string }[];
  /** Operations still failing when their retries ran out: the failures a client would see. */
  gaveUp: number;
  stop(): Promise<void>;
}

const namespace = 'default';
const timeoutMs = 10_000;

interface Answer {
  outcome: OpRecord['outcome'];
  code: number;
  body?: { metadata?: { resourceVersion?: string }; data?: { v?: string }; items?: { metadata: { name: string; resourceVersion: string }; data?: { v?: string } }[] };
  error?: string;
}

async function call(url: string, method: string, body?: unknown): Promise<Answer> {
  try {
    const res = await fetch(url, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const parsed = text.startsWith('{') ? JSON.parse(text) : undefined;
    if (res.ok) return { outcome: 'ok', code: res.status, body: parsed };
    // 404 and 409 are definite: nothing was written. Anything else may hide a write that landed.
    if (res.status === 404 || res.status === 409) return { outcome: 'rejected', code: res.status, body: parsed };
    return { outcome: 'unknown', code: res.status, error: `${res.status} ${parsed?.message ?? text.slice(0, 200)}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { outcome: 'unknown', code: 0, error: e.cause?.code ?? e.name ?? String(err) };
  }
}

export interface LoadOptions {
  /** The single address clients use (the Front). */
  url: string;
  run: string;
  workers?: number;
  keys?: number;
  /** A retried operation gives up after this many attempts. */
  attempts?: number;
}

/** Starts the workers; they go on until stop(). */
export function startLoad(opts: LoadOptions): Load {
  const { url, run } = opts;
  const keys = Array.from({ length: opts.keys ?? 6 }, (_, i) => `${run}-k${i}`);
  const base = `${url}/api/v1/namespaces/${namespace}/configmaps`;
  const load: Load = { ops: [], failures: [], gaveUp: 0, stop: async () => undefined };
  let running = true;
  let seq = 0;

  const attempt = async (
    client: number,
    op: OpRecord['op'],
    key: string | undefined,
    value: string | undefined,
    precondition: string | undefined,
    send: () => Promise<Answer>,
  ): Promise<Answer> => {
    const t0 = now();
    const a = await send();
    const rec: OpRecord = { kind: 'op', client, op, key, value, precondition, call: t0, return: now(), outcome: a.outcome, code: a.code };
    if (a.outcome === 'ok' && op !== 'delete') rec.rv = a.body?.metadata?.resourceVersion;
    if (a.outcome === 'ok' && op === 'get') rec.value = a.body?.data?.v;
    if (a.outcome === 'ok' && op === 'list') {
      rec.items = (a.body?.items ?? []).map((i) => ({ key: i.metadata.name, value: i.data?.v ?? '', rv: i.metadata.resourceVersion }));
    }
    if (a.error) {
      rec.error = a.error;
      load.failures.push({ at: rec.return, op, error: a.error });
    }
    load.ops.push(rec);
    return a;
  };

  /** Attempts until a definite answer, as a client retrying on another instance. */
  const retrying = async (...args: Parameters<typeof attempt>): Promise<Answer> => {
    for (let n = 1; ; n++) {
      const a = await attempt(...args);
      if (a.outcome !== 'unknown') return a;
      // Retries go on after stop(): an operation the fault left unanswered is finished, not abandoned.
      if (n >= (opts.attempts ?? 40)) {
        load.gaveUp++;
        return a;
      }
      await sleep(Math.min(100 * n, 1000));
    }
  };

  const worker = async (client: number) => {
    const known = new Map<string, string>(); // key -> resourceVersion this worker last saw
    while (running) {
      const key = keys[Math.floor(Math.random() * keys.length)];
      const dice = Math.random();
      const value = `w${client}-${seq++}`;
      if (dice < 0.25) {
        const a = await retrying(client, 'get', key, undefined, undefined, () => call(`${base}/${key}`, 'GET'));
        if (a.outcome === 'ok') known.set(key, a.body!.metadata!.resourceVersion!);
      } else if (dice < 0.35) {
        await retrying(client, 'list', undefined, undefined, undefined, () => call(`${base}?labelSelector=ha-run%3D${run}`, 'GET'));
      } else if (dice < 0.55) {
        const a = await retrying(client, 'create', key, value, undefined, () =>
          call(base, 'POST', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: key, labels: { 'ha-run': run } }, data: { v: value } }),
        );
        if (a.outcome === 'ok') known.set(key, a.body!.metadata!.resourceVersion!);
      } else if (dice < 0.9) {
        const rv = known.get(key) ?? '1';
        const a = await retrying(client, 'update', key, value, rv, () =>
          call(`${base}/${key}`, 'PUT', {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: key, namespace, resourceVersion: rv, labels: { 'ha-run': run } },
            data: { v: value },
          }),
        );
        if (a.outcome === 'ok') known.set(key, a.body!.metadata!.resourceVersion!);
        else known.delete(key);
      } else {
        await retrying(client, 'delete', key, undefined, undefined, () => call(`${base}/${key}`, 'DELETE'));
        known.delete(key);
      }
    }
  };

  const done = Promise.all(Array.from({ length: opts.workers ?? 4 }, (_, i) => worker(i)));
  load.stop = async () => {
    running = false;
    await done;
  };
  return load;
}

/** The highest resourceVersion acknowledged by a write of the load. */
export function lastAckedRV(ops: OpRecord[]): number {
  return Math.max(0, ...ops.filter((o) => o.outcome === 'ok' && o.rv && o.op !== 'list' && o.op !== 'get').map((o) => Number(o.rv)));
}

/**
 * A watch of the run's ConfigMaps from `startRV`, on instance `first` and, whenever its stream
 * ends or breaks, on the next instance from the last resourceVersion it saw (bookmarks included).
 */
export class Watcher {
  readonly events: WatchEventRecord[] = [];
  lastRV: string;
  current: number;
  resumes = 0;
  gone?: string;
  private running = true;
  private abort?: AbortController;
  private readonly done: Promise<void>;

  constructor(
    readonly id: string,
    private readonly urls: () => string[],
    private readonly run: string,
    readonly startRV: string,
    first: number,
  ) {
    this.lastRV = startRV;
    this.current = first;
    this.done = this.loop();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.follow(this.current);
      } catch {
        // the instance went away: resume elsewhere
      }
      if (!this.running || this.gone) return;
      this.current = (this.current + 1) % this.urls().length;
      this.resumes++;
      await sleep(100);
    }
  }

  private async follow(i: number): Promise<void> {
    this.abort = new AbortController();
    const url = `${this.urls()[i]}/api/v1/namespaces/${namespace}/configmaps?watch=1&allowWatchBookmarks=true&labelSelector=ha-run%3D${this.run}&resourceVersion=${this.lastRV}`;
    const res = await fetch(url, { signal: this.abort.signal });
    if (!res.ok) throw new Error(`watch on ${i}: ${res.status}`);
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      pending += decoder.decode(chunk, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines.filter(Boolean)) {
        const e = JSON.parse(line) as { type: string; object: { code?: number; message?: string; metadata: { name: string; resourceVersion: string }; data?: { v?: string } } };
        if (e.type === 'ERROR') {
          // 410 Gone would mean the resume point was compacted away: events lost to this watcher.
          this.gone = `${e.object.code} ${e.object.message}`;
          return;
        }
        this.lastRV = e.object.metadata.resourceVersion;
        if (e.type === 'BOOKMARK') continue;
        this.events.push({ type: e.type, key: e.object.metadata.name, value: e.object.data?.v ?? '', rv: e.object.metadata.resourceVersion, instance: String(i) });
      }
    }
  }

  /** Waits until the watch reached `rv` (or `timeoutMs` passed), then stops it. */
  async stopAt(rv: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Number(this.lastRV) < rv && Date.now() < deadline && !this.gone) await sleep(100);
    this.running = false;
    this.abort?.abort();
    await this.done;
  }

  record(): WatchRecord {
    return { kind: 'watch', id: this.id, startRV: this.startRV, events: this.events };
  }
}
