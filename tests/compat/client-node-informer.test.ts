import { expect } from 'chai';
import { ensureNamespace, restOk } from './support/background';
import { clientsFor, type Clients } from './support/client-node';
import { describeEachBackend } from './support/compat-server';
import { configMap } from './support/objects';
import { eventually } from '../support/eventually';

const ns = 'inf-ns';
const base = `/api/v1/namespaces/${ns}/configmaps`;

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

/** kube-apiserver answers a watch from a resourceVersion it can no longer replay with 200 and one ERROR event carrying a 410 Status. */
function expectExpired(w: { status: number; first: string }): void {
  const what = `watch answer: ${w.status} ${w.first}`;
  expect(w.status, what).to.equal(200);
  const event = JSON.parse(w.first || '{}');
  expect(event.type, what).to.equal('ERROR');
  expect(event.object, what).to.include({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 });
  expect(event.object.message, what).to.match(/^too old resource version: \d+ \(\d+\)$/);
}

/**
 * A client-node informer (makeInformer: list, then watch from the list's resourceVersion) across a
 * restart of the server on the same data. While it was down, another apiserver process changed objects,
 * so the history the informer would resume from predates what the restarted server can replay (its
 * watch cache starts at the restart, as kube-apiserver's does): its watch answers 410 Expired, and the
 * informer must re-list and converge.
 */
describeEachBackend('client-node compat: informer across a server restart', (server) => {
  let c: Clients;
  before(async () => {
    c = await clientsFor(server());
    await ensureNamespace(server(), ns);
  });

  it('makeInformer lists, watches, and after a restart re-lists on 410 and converges', async function () {
    if (server().backend === 'memory') this.skip(); // the memory backend forgets everything on restart
    await restOk(server(), 'POST', base, configMap(ns, 'a', { v: '1' }));
    const informer = c.k8s.makeInformer(c.kc, base, () => c.core.listNamespacedConfigMap({ namespace: ns }));
    const log: string[] = [];
    let errors = 0;
    informer.on('add', (o) => log.push(`add ${o.metadata?.name}`));
    informer.on('update', (o) => log.push(`update ${o.metadata?.name} ${JSON.stringify(o.data)}`));
    informer.on('delete', (o) => log.push(`delete ${o.metadata?.name}`));
    informer.on('error', () => errors++);
    const cached = () =>
      informer
        .list(ns)
        .map((o) => `${o.metadata?.name}=${JSON.stringify(o.data)}`)
        .sort();
    await informer.start();
    try {
      await eventually(() => expect(cached(), 'initial list').to.have.length(1), 15_000);
      await restOk(server(), 'POST', base, configMap(ns, 'b', { v: '1' }));
      await eventually(() => expect(log, 'b added through the watch').to.include('add b'), 15_000);
      // the informer resumes from the last event it saw: b's creation
      const informerRv = informer.get('b', ns)?.metadata?.resourceVersion;

      // the server goes away: the informer's watch ends, its re-watch fails, it reports an error and stops
      await server().stopProcess();
      await eventually(() => expect(errors, 'the informer to report the lost server').to.be.above(0), 15_000);

      // meanwhile another apiserver process on the same data changes things
      const sibling = await server().startSibling();
      try {
        const other = { url: sibling.url } as Parameters<typeof restOk>[0];
        await restOk(other, 'DELETE', `${base}/a`);
        await restOk(other, 'POST', base, configMap(ns, 'c', { v: '1' }));
        const b = await restOk(other, 'GET', `${base}/b`);
        await restOk(other, 'PUT', `${base}/b`, { ...b, data: { v: '2' } });
      } finally {
        await sibling.stop();
      }

      // the server comes back on the same port and data; the informer's history is gone
      await server().start();
      expectExpired(await watchStart(`${server().url}${base}?watch=true&resourceVersion=${informerRv}`));

      log.length = 0;
      await informer.start();
      await eventually(() => expect(cached(), 'the informer to converge').to.deep.equal(['b={"v":"2"}', 'c={"v":"1"}']), 15_000);
      expect([...log].sort()).to.deep.equal(['add c', 'delete a', 'update b {"v":"2"}']);

      // and it keeps watching after the re-list
      await restOk(server(), 'POST', base, configMap(ns, 'd', { v: '1' }));
      await eventually(() => expect(log, 'd added after the re-list').to.include('add d'), 15_000);
    } finally {
      await informer.stop();
    }
  });
});
