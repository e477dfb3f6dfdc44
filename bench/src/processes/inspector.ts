/**
 * A minimal Chrome DevTools Protocol client over the server's --inspect socket (loopback only),
 * used by the memory figure alone: force a full GC, then read process.memoryUsage(), so that the
 * garbage of 20,000 requests does not count as cache.
 */
import { WebSocket } from 'undici';

export interface ServerMemory {
  rss: number;
  heapUsed: number;
  external: number;
}

export async function gcAndMeasure(wsUrl: string): Promise<ServerMemory> {
  const ws = new WebSocket(wsUrl);
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.addEventListener('message', (ev) => {
    const msg = JSON.parse(String(ev.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const p = msg.id !== undefined ? pending.get(msg.id) : undefined;
    if (!p) return;
    pending.delete(msg.id!);
    if (msg.error) p.reject(new Error(msg.error.message));
    else p.resolve(msg.result);
  });
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve());
    ws.addEventListener('error', () => reject(new Error(`cannot open inspector ${wsUrl}`)));
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    // Twice: the first pass can leave weakly held objects for the second to free.
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    await new Promise((r) => setTimeout(r, 500));
    const res = (await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as { result: { value: string } };
    const m = JSON.parse(res.result.value) as ServerMemory;
    return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
  } finally {
    ws.close();
  }
}
