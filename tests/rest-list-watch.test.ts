import { expect } from 'chai';
import { call, configMap, startRestServer, widget, type TestServer } from './rest-helpers';

type Obj = { kind?: string; apiVersion?: string; metadata: Record<string, unknown>; items?: Obj[] } & Record<string, unknown>;
type Status = { kind: string; code: number; reason: string; message: string; metadata?: { continue?: string } };
type Event = { type: string; object: Obj & { code?: number; reason?: string; message?: string } };

const names = (l: Obj) => (l.items ?? []).map((i) => i.metadata.name as string);

/** Reads a watch until the server ends it (timeoutSeconds) or `until` says enough, then parses the events. */
async function watchEvents(
  url: string,
  until?: (events: Event[]) => boolean,
  headers: Record<string, string> = {},
): Promise<{ status: number; events: Event[]; contentType: string | null }> {
  const ctrl = new AbortController();
  const res = await fetch(url, { signal: ctrl.signal, headers });
  const events: Event[] = [];
  if (res.status !== 200) return { status: res.status, events: [(await res.json()) as Event], contentType: res.headers.get('content-type') };
  const reader = res.body!.getReader();
  let buf = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buf += Buffer.from(value).toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buf.slice(0, nl)));
        buf = buf.slice(nl + 1);
      }
      if (until?.(events)) {
        ctrl.abort();
        break;
      }
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  }
  return { status: res.status, events, contentType: res.headers.get('content-type') };
}

describe('REST: list and watch', function () {
  this.timeout(60_000);
  let s: TestServer;
  const ns = (n: string) => `/api/v1/namespaces/${n}/configmaps`;
  const widgets = '/apis/testing.kapi.dev/v1/namespaces/default/widgets';
  before(async () => {
    // The lists below are exactly the ConfigMaps written here: no kube-root-ca.crt from the root CA publisher.
    s = await startRestServer({ watchCache: false, controllers: ['*', '-root-ca-certificate-publisher-controller'] });
    for (const n of ['lw1', 'lw2']) await call(s.url, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } } });
    const labels: Record<string, Record<string, string>> = {
      a: { app: 'web', tier: 'front', rank: '3' },
      b: { app: 'web', tier: 'back', rank: '7' },
      c: { app: 'db' },
      d: {},
    };
    for (const [name, l] of Object.entries(labels)) await call(s.url, 'POST', ns('lw1'), { body: configMap(name, {}, { labels: l }) });
    await call(s.url, 'POST', ns('lw2'), { body: configMap('e', {}, { labels: { app: 'web' } }) });
    await call(s.url, 'POST', widgets, { body: widget('red', { color: 'red' }) });
    await call(s.url, 'POST', widgets, { body: widget('blue', { color: 'blue' }) });
  });
  after(() => s.stop());

  const list = async (path: string) => call<Obj>(s.url, 'GET', path);

  describe('labelSelector', () => {
    const cases: [string, string[]][] = [
      ['app=web', ['a', 'b']],
      ['app==web', ['a', 'b']],
      ['app!=web', ['c', 'd']],
      ['app in (web,db)', ['a', 'b', 'c']],
      ['app notin (web)', ['c', 'd']],
      ['tier', ['a', 'b']],
      ['!tier', ['c', 'd']],
      ['app=web,tier=back', ['b']],
      ['rank>5', ['b']],
      ['rank<5', ['a']],
    ];
    for (const [sel, want] of cases) {
      it(`"${sel}" selects ${want.join(', ')}`, async () => {
        const r = await list(`${ns('lw1')}?labelSelector=${encodeURIComponent(sel)}`);
        expect(r.status).to.equal(200);
        expect(names(r.body)).to.deep.equal(want);
      });
    }

    it("a malformed selector is a 400 with the parser's message", async () => {
      const r = await call<Status>(s.url, 'GET', `${ns('lw1')}?labelSelector=${encodeURIComponent('app in web')}`);
      expect(r.status).to.equal(400);
      expect(r.body.message).to.equal("unable to parse requirement: found 'web' expected: '('");
      const bad = await call<Status>(s.url, 'GET', `${ns('lw1')}?labelSelector=${encodeURIComponent('a=b=c')}`);
      expect(bad.body.message).to.equal("found '=', expected: ',' or 'end of string'");
    });
  });

  describe('fieldSelector', () => {
    it('selects by metadata.name and metadata.namespace, across namespaces', async () => {
      expect(names((await list(`/api/v1/configmaps?fieldSelector=metadata.namespace%3Dlw2`)).body)).to.deep.equal(['e']);
      expect(names((await list(`${ns('lw1')}?fieldSelector=metadata.name%21%3Da`)).body)).to.deep.equal(['b', 'c', 'd']);
    });

    it("selects by the fields the resource's GetAttrs exposes", async () => {
      expect(names((await list(`${widgets}?fieldSelector=spec.color%3Dred`)).body)).to.deep.equal(['red']);
    });

    it('an unsupported field is a 400, worded as kube-apiserver words it', async () => {
      const cm = await call<Status>(s.url, 'GET', `${ns('lw1')}?fieldSelector=data.x%3D1`);
      expect(cm.status).to.equal(400);
      expect(cm.body.message).to.equal('"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"');
      const w = await call<Status>(s.url, 'GET', `${widgets}?fieldSelector=spec.size%3D1`);
      expect(w.status).to.equal(400);
      expect(w.body.message).to.equal('field label not supported: spec.size');
      const syntax = await call<Status>(s.url, 'GET', `${widgets}?fieldSelector=nonsense`);
      expect(syntax.body.message).to.equal("invalid selector: 'nonsense'; can't understand 'nonsense'");
    });
  });

  it('lists a namespaced resource across all namespaces', async () => {
    const r = await list('/api/v1/configmaps?labelSelector=app%3Dweb');
    expect(r.body.kind).to.equal('ConfigMapList');
    expect(r.body.items!.map((i) => `${i.metadata.namespace}/${i.metadata.name}`)).to.deep.equal(['lw1/a', 'lw1/b', 'lw2/e']);
  });

  describe('limit and continue', () => {
    it('pages through a consistent snapshot', async () => {
      const first = (await list(`${ns('lw1')}?limit=2`)).body;
      expect(names(first)).to.deep.equal(['a', 'b']);
      expect(first.metadata.remainingItemCount).to.equal(2);
      expect(first.metadata.continue).to.be.a('string');
      await call(s.url, 'POST', ns('lw1'), { body: configMap('c2') });
      const second = (await list(`${ns('lw1')}?limit=2&continue=${first.metadata.continue}`)).body;
      expect(names(second), 'objects created after the first page are not in the snapshot').to.deep.equal(['c', 'd']);
      expect(second.metadata.resourceVersion).to.equal(first.metadata.resourceVersion);
      expect(second.metadata).to.not.have.property('continue');
      await call(s.url, 'DELETE', `${ns('lw1')}/c2`);
    });

    it('a compacted continue token is 410 Expired with a fresh token that continues at the newest revision', async () => {
      const first = (await list(`${ns('lw1')}?limit=1`)).body;
      await call(s.url, 'PATCH', `${ns('lw1')}/d`, { body: { data: { touched: 'yes' } }, contentType: 'application/merge-patch+json' });
      const rev = Number((await list(ns('lw1'))).body.metadata.resourceVersion);
      await (s.chain.backend as unknown as { kv: { compact(rev: number): Promise<void> } }).kv.compact(rev);
      const expired = await call<Status>(s.url, 'GET', `${ns('lw1')}?limit=1&continue=${first.metadata.continue}`);
      expect(expired.status).to.equal(410);
      expect(expired.body.reason).to.equal('Expired');
      expect(expired.body.message).to.match(
        /^The provided continue parameter is too old to display a consistent list result\. You can start a new list without the continue parameter, or use the continue token in this response/,
      );
      const token = expired.body.metadata!.continue!;
      expect(token).to.be.a('string');
      const rest: string[] = [];
      let next: string | undefined = token;
      while (next) {
        const page = (await list(`${ns('lw1')}?limit=2&continue=${next}`)).body;
        rest.push(...names(page));
        next = page.metadata.continue as string | undefined;
      }
      expect(rest).to.deep.equal(['b', 'c', 'd']);
    });

    it('a garbled continue token is a 400', async () => {
      const r = await call<Status>(s.url, 'GET', `${ns('lw1')}?limit=1&continue=garbage`);
      expect(r.status).to.equal(400);
    });
  });

  describe('resourceVersion and resourceVersionMatch', () => {
    it('validates the combination as ValidateListOptions (422 ListOptions)', async () => {
      const noRV = await call<Status>(s.url, 'GET', `${ns('lw1')}?resourceVersionMatch=Exact`);
      expect(noRV.status).to.equal(422);
      expect(noRV.body.message).to.equal(
        'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
      );
      const exact0 = await call<Status>(s.url, 'GET', `${ns('lw1')}?resourceVersion=0&resourceVersionMatch=Exact`);
      expect(exact0.status).to.equal(422);
      const unknown = await call<Status>(s.url, 'GET', `${ns('lw1')}?resourceVersion=1&resourceVersionMatch=Newest`);
      expect(unknown.status).to.equal(422);
      const initial = await call<Status>(s.url, 'GET', `${ns('lw1')}?sendInitialEvents=true`);
      expect(initial.body.message).to.contain('sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list');
    });

    it('Exact reads the past; NotOlderThan and 0 read the present; a future revision is 504', async () => {
      const before = (await list(ns('lw2'))).body;
      await call(s.url, 'POST', ns('lw2'), { body: configMap('later') });
      const past = (await list(`${ns('lw2')}?resourceVersion=${before.metadata.resourceVersion}&resourceVersionMatch=Exact`)).body;
      expect(names(past)).to.deep.equal(['e']);
      expect(past.metadata.resourceVersion).to.equal(before.metadata.resourceVersion);
      const nott = (await list(`${ns('lw2')}?resourceVersion=${before.metadata.resourceVersion}&resourceVersionMatch=NotOlderThan`)).body;
      expect(names(nott)).to.deep.equal(['e', 'later']);
      expect(names((await list(`${ns('lw2')}?resourceVersion=0`)).body)).to.deep.equal(['e', 'later']);
      const future = await call<Status>(s.url, 'GET', `${ns('lw2')}?resourceVersion=999999&resourceVersionMatch=NotOlderThan`);
      expect(future.status).to.equal(504);
      expect(future.body.reason).to.equal('Timeout');
    });

    it('an Exact read of a compacted revision is 410 Expired', async () => {
      const old = (await list(ns('lw2'))).body.metadata.resourceVersion as string;
      await call(s.url, 'DELETE', `${ns('lw2')}/later`);
      const rev = Number((await list(ns('lw2'))).body.metadata.resourceVersion);
      await (s.chain.backend as unknown as { kv: { compact(rev: number): Promise<void> } }).kv.compact(rev);
      const r = await call<Status>(s.url, 'GET', `${ns('lw2')}?resourceVersion=${old}&resourceVersionMatch=Exact`);
      expect(r.status).to.equal(410);
      expect(r.body.reason).to.equal('Expired');
    });
  });

  describe('watch', () => {
    it('streams changes after the listed resourceVersion and ends at timeoutSeconds', async () => {
      const rv = (await list(ns('lw1'))).body.metadata.resourceVersion;
      const started = Date.now();
      const pending = watchEvents(`${s.url}${ns('lw1')}?watch=true&resourceVersion=${rv}&timeoutSeconds=1&labelSelector=app%3Dweb`);
      await new Promise((r) => setTimeout(r, 200));
      await call(s.url, 'PATCH', `${ns('lw1')}/a`, { body: { data: { w: '1' } }, contentType: 'application/merge-patch+json' });
      await call(s.url, 'PATCH', `${ns('lw1')}/c`, { body: { data: { w: '1' } }, contentType: 'application/merge-patch+json' });
      const { status, events, contentType } = await pending;
      expect(status).to.equal(200);
      expect(contentType).to.equal('application/json');
      expect(Date.now() - started).to.be.within(900, 5000);
      expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).to.deep.equal(['MODIFIED a']);
      expect(events[0].object.kind).to.equal('ConfigMap');
      expect(events[0].object.apiVersion).to.equal('v1');
    });

    it('watches one object by metadata.name field selector', async () => {
      const rv = (await list(ns('lw1'))).body.metadata.resourceVersion;
      const pending = watchEvents(`${s.url}${ns('lw1')}?watch=1&resourceVersion=${rv}&timeoutSeconds=1&fieldSelector=metadata.name%3Db`);
      await new Promise((r) => setTimeout(r, 200));
      await call(s.url, 'PATCH', `${ns('lw1')}/a`, { body: { data: { w: '2' } }, contentType: 'application/merge-patch+json' });
      await call(s.url, 'PATCH', `${ns('lw1')}/b`, { body: { data: { w: '2' } }, contentType: 'application/merge-patch+json' });
      const { events } = await pending;
      expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).to.deep.equal(['MODIFIED b']);
    });

    it('serves the deprecated /watch/ paths, for a collection and for one object', async () => {
      const rv = (await list(ns('lw1'))).body.metadata.resourceVersion;
      const all = watchEvents(`${s.url}/api/v1/watch/namespaces/lw1/configmaps?resourceVersion=${rv}&timeoutSeconds=1`);
      const one = watchEvents(`${s.url}/api/v1/watch/namespaces/lw1/configmaps/c?resourceVersion=${rv}&timeoutSeconds=1`);
      const cluster = watchEvents(`${s.url}/api/v1/watch/configmaps?resourceVersion=${rv}&timeoutSeconds=1`);
      await new Promise((r) => setTimeout(r, 200));
      await call(s.url, 'PATCH', `${ns('lw1')}/b`, { body: { data: { p: '1' } }, contentType: 'application/merge-patch+json' });
      await call(s.url, 'PATCH', `${ns('lw1')}/c`, { body: { data: { p: '1' } }, contentType: 'application/merge-patch+json' });
      expect((await all).events.map((e) => e.object.metadata.name)).to.deep.equal(['b', 'c']);
      expect((await one).events.map((e) => e.object.metadata.name)).to.deep.equal(['c']);
      expect((await cluster).events.map((e) => e.object.metadata.name)).to.deep.equal(['b', 'c']);
    });

    it('sendInitialEvents=true replays the state as ADDED and marks its end with a bookmark', async () => {
      const { events } = await watchEvents(
        `${s.url}${ns('lw1')}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=5`,
        (evs) => evs.some((e) => e.type === 'BOOKMARK'),
      );
      const added = events.filter((e) => e.type === 'ADDED').map((e) => e.object.metadata.name);
      expect(added).to.deep.equal(['a', 'b', 'c', 'd']);
      const bookmark = events.find((e) => e.type === 'BOOKMARK')!;
      expect(bookmark.object.kind).to.equal('ConfigMap');
      expect((bookmark.object.metadata.annotations as Record<string, string>)['k8s.io/initial-events-end']).to.equal('true');
      expect(Number(bookmark.object.metadata.resourceVersion)).to.be.greaterThan(0);
    });

    it('sendInitialEvents requires resourceVersionMatch=NotOlderThan; resourceVersionMatch alone is forbidden on watch', async () => {
      const r = await call<Status>(s.url, 'GET', `${ns('lw1')}?watch=true&sendInitialEvents=true`);
      expect(r.status).to.equal(422);
      expect(r.body.message).to.equal(
        'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      );
      const alone = await call<Status>(s.url, 'GET', `${ns('lw1')}?watch=true&resourceVersion=1&resourceVersionMatch=NotOlderThan`);
      expect(alone.status).to.equal(422);
    });

    it('sendInitialEvents=false starts from now', async () => {
      const pending = watchEvents(`${s.url}${ns('lw1')}?watch=true&sendInitialEvents=false&resourceVersionMatch=NotOlderThan&timeoutSeconds=1`);
      await new Promise((r) => setTimeout(r, 200));
      await call(s.url, 'PATCH', `${ns('lw1')}/d`, { body: { data: { w: '3' } }, contentType: 'application/merge-patch+json' });
      const { events } = await pending;
      expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).to.deep.equal(['MODIFIED d']);
    });

    it('a compacted resourceVersion ends the watch with an ERROR event carrying a 410 Expired Status', async () => {
      const { events } = await watchEvents(`${s.url}${ns('lw1')}?watch=true&resourceVersion=2&timeoutSeconds=5`, (evs) => evs.length > 0);
      expect(events[0].type).to.equal('ERROR');
      expect(events[0].object.kind).to.equal('Status');
      expect(events[0].object.code).to.equal(410);
      expect(events[0].object.reason).to.equal('Expired');
    });

    it('watches as Table rows and as PartialObjectMetadata when asked', async () => {
      const rv = (await list(ns('lw1'))).body.metadata.resourceVersion;
      const table = watchEvents(`${s.url}${ns('lw1')}?watch=true&resourceVersion=${rv}&timeoutSeconds=1`, undefined, {
        Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
      });
      const meta = watchEvents(`${s.url}${ns('lw1')}?watch=true&resourceVersion=${rv}&timeoutSeconds=1`, undefined, {
        Accept: 'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io',
      });
      await new Promise((r) => setTimeout(r, 200));
      await call(s.url, 'PATCH', `${ns('lw1')}/a`, { body: { data: { w: '4' } }, contentType: 'application/merge-patch+json' });
      await call(s.url, 'PATCH', `${ns('lw1')}/b`, { body: { data: { w: '4' } }, contentType: 'application/merge-patch+json' });
      const t = (await table).events;
      expect(t.map((e) => e.object.kind)).to.deep.equal(['Table', 'Table']);
      expect((t[0].object.columnDefinitions as unknown[]).length).to.be.greaterThan(0);
      expect(t[1].object.columnDefinitions as unknown[]).to.deep.equal([]);
      const m = (await meta).events;
      expect(m.map((e) => `${e.object.kind} ${e.object.metadata.name}`)).to.deep.equal(['PartialObjectMetadata a', 'PartialObjectMetadata b']);
      expect(m[0].object).to.not.have.property('data');
    });
  });
});
