import { expect } from 'chai';
import { ensureNamespace, restOk, sleep } from './support/background';
import { clientsFor, type Clients } from './support/client-node';
import { describeEachBackend } from './support/compat-server';
import { configMap } from './support/objects';

const ns = 'inf-ns';
const base = `/api/v1/namespaces/${ns}/configmaps`;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The HTTP status and first event line of a watch request (a watch that stays open is cut after 3 s). */
async function watchStart(url: string): Promise<{ status: number; first: string }> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), 3000);
  let text = '';
  let status = 0;
  try {
    const res = await fetch(url, { signal: ctl.signal });
    status = res.status;
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
      if (text.includes('\n')) break;
    }
  } catch {
    // aborted: the watch stayed open without a first event
  } finally {
    clearTimeout(timer);
    ctl.abort();
  }
  return { status, first: text.split('\n')[0] };
}

const expired = (w: { status: number; first: string }) => w.status === 410 || /"code":\s*410/.test(w.first);

/**
 * A client-node informer (makeInformer: list, then watch from the list's resourceVersion) across a
 * restart of the server on the same data: while it was away the history it watched from is compacted,
 * so its watch answers 410 Expired and the informer must re-list and converge.
 */
describeEachBackend(
  'client-node compat: informer across a server restart',
  (server) => {
    let c: Clients;
    before(async () => {
      c = await clientsFor(server());
      await ensureNamespace(server(), ns);
    });

    it('makeInformer lists, watches, and re-lists after a restart and a 410', async function () {
      if (server().backend === 'memory') this.skip(); // the memory backend forgets everything on restart
      await restOk(server(), 'POST', base, configMap(ns, 'a', { v: '1' }));
      const informer = c.k8s.makeInformer(c.kc, base, () => c.core.listNamespacedConfigMap({ namespace: ns }));
      const log: string[] = [];
      let errors = 0;
      informer.on('add', (o) => log.push(`add ${o.metadata?.name}`));
      informer.on('update', (o) => log.push(`update ${o.metadata?.name} ${JSON.stringify(o.data)}`));
      informer.on('delete', (o) => log.push(`delete ${o.metadata?.name}`));
      informer.on('error', () => errors++);
      const cached = () => informer.list(ns).map((o) => `${o.metadata?.name}=${JSON.stringify(o.data)}`).sort();
      await informer.start();
      try {
        await until('initial list', () => cached().length === 1);
        await restOk(server(), 'POST', base, configMap(ns, 'b', { v: '1' }));
        await until('b added through the watch', () => log.includes('add b'));
        // the informer resumes from the last event it saw: b's creation
        const informerRv = Number(informer.get('b', ns)?.metadata?.resourceVersion);

        // the server goes away: the informer's watch ends, its re-watch fails, it reports an error and stops
        await server().stopProcess();
        await until('the informer to report the lost server', () => errors > 0);

        // the server comes back on the same data; changes happen while the informer is not watching
        await server().start();
        await restOk(server(), 'DELETE', `${base}/a`);
        await restOk(server(), 'POST', base, configMap(ns, 'c', { v: '1' }));
        const b = await restOk(server(), 'GET', `${base}/b`);
        await restOk(server(), 'PUT', `${base}/b`, { ...b, data: { v: '2' } });

        // compaction (every second here) drops the history the informer would resume from
        await until(
          'a watch from the informer resourceVersion to be expired (410)',
          async () => expired(await watchStart(`${server().url}${base}?watch=true&resourceVersion=${informerRv}`)),
          20_000,
        );

        log.length = 0;
        await informer.start();
        await until('the informer to converge', () => JSON.stringify(cached()) === JSON.stringify(['b={"v":"2"}', 'c={"v":"1"}']));
        expect(log.sort()).to.include.members(['add c', 'delete a']);
        expect(log.some((l) => l.startsWith('update b'))).to.equal(true);

        // and it keeps watching after the re-list
        await restOk(server(), 'POST', base, configMap(ns, 'd', { v: '1' }));
        await until('d added after the re-list', () => log.includes('add d'));
      } finally {
        await informer.stop();
      }
    });

    it('a watch from a compacted resourceVersion answers 410 Expired', async function () {
      if (server().backend === 'memory') this.skip();
      const rv = Number((await restOk(server(), 'GET', base)).metadata.resourceVersion);
      for (let i = 0; i < 3; i++) await restOk(server(), 'POST', base, configMap(ns, `churn-${i}`));
      await sleep(2500); // two compaction intervals
      const w = await watchStart(`${server().url}${base}?watch=true&resourceVersion=${rv}`);
      if (w.status === 410) {
        expect(JSON.parse(w.first)).to.include({ kind: 'Status', reason: 'Expired', code: 410 });
      } else {
        // kube-apiserver answers 200 and one ERROR event carrying the 410 Status
        expect(w.status).to.equal(200);
        const first = JSON.parse(w.first || '{}');
        expect(first.type).to.equal('ERROR');
        expect(first.object).to.include({ kind: 'Status', reason: 'Expired', code: 410 });
      }
    });
  },
  { serverArgs: ['--etcd-compaction-interval', '1s'] },
);
