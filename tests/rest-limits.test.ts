import { expect } from 'chai';
import { call, configMap, startKapiProcess, startRestServer, widget, type TestServer } from './rest-helpers';

type Obj = { kind?: string; metadata: Record<string, unknown>; items?: Obj[] } & Record<string, unknown>;
type Status = { kind: string; code: number; reason: string; message: string; details?: { retryAfterSeconds?: number } };

const widgets = '/apis/testing.kapi.dev/v1/namespaces/default/widgets';
const cms = '/api/v1/namespaces/default/configmaps';

/** Request limits, headers and observability of the handler chain. */
describe('REST: limits, headers and metrics', function () {
  this.timeout(90_000);

  describe('with default settings', () => {
    let s: TestServer;
    before(async () => {
      s = await startRestServer();
    });
    after(() => s.stop());

    it('refuses a body over 3 MiB with 413 and stores nothing', async () => {
      const big = configMap('big', { blob: 'x'.repeat(3 * 1024 * 1024) });
      const r = await call<Status>(s.url, 'POST', cms, { body: big });
      expect(r.status).to.equal(413);
      expect(r.body.reason).to.equal('RequestEntityTooLarge');
      expect(r.body.message).to.equal('Request entity too large: limit is 3145728');
      expect((await call(s.url, 'GET', `${cms}/big`)).status).to.equal(404);
      await call(s.url, 'POST', cms, { body: configMap('small') });
      const patch = await call<Status>(s.url, 'PATCH', `${cms}/small`, { body: { data: { blob: 'x'.repeat(3 * 1024 * 1024) } }, contentType: 'application/merge-patch+json' });
      expect(patch.status).to.equal(413);
    });

    it("a request's ?timeout= shortens the request timeout: 504 Timeout Status", async () => {
      const started = Date.now();
      const r = await call<Status>(s.url, 'POST', `${widgets}?timeout=300ms`, { body: widget('slow-short') });
      expect(r.status).to.equal(504);
      expect(r.body.reason).to.equal('Timeout');
      expect(r.body.message).to.equal('Timeout: request did not complete within requested timeout - context deadline exceeded');
      expect(Date.now() - started).to.be.below(1400);
      const bad = await call<Status>(s.url, 'GET', `${cms}?timeout=soon`);
      expect(bad.status).to.equal(400);
    });

    it("every response carries an Audit-Id; a client's own is echoed", async () => {
      const ids = new Set<string>();
      for (const path of [cms, `${cms}/missing`, '/healthz', '/nowhere', '/api/v1']) {
        const r = await call(s.url, 'GET', path);
        const id = r.headers.get('audit-id');
        expect(id, path).to.match(/^[0-9a-f-]{36}$/);
        ids.add(id!);
      }
      expect(ids.size).to.equal(5);
      const mine = await call(s.url, 'GET', cms, { headers: { 'Audit-Id': 'my-trace-1' } });
      expect(mine.headers.get('audit-id')).to.equal('my-trace-1');
      const ctrl = new AbortController();
      const watch = await fetch(`${s.url}${cms}?watch=true&timeoutSeconds=1`, { signal: ctrl.signal });
      expect(watch.headers.get('audit-id')).to.match(/^[0-9a-f-]{36}$/);
      ctrl.abort();
    });

    it('strategy warnings reach the client as Warning headers', async () => {
      const r = await call(s.url, 'POST', widgets, { body: widget('old', { legacy: true }) });
      expect(r.status).to.equal(201);
      expect(r.headers.get('warning')).to.equal('299 - "spec.legacy is deprecated; use spec.size"');
      const quiet = await call(s.url, 'POST', widgets, { body: widget('new', { size: 1 }) });
      expect(quiet.headers.get('warning')).to.equal(null);
    });

    it('/metrics exposes request counts, latencies, requests in flight and stored objects', async () => {
      await call(s.url, 'POST', cms, { body: configMap('m1') });
      await call(s.url, 'GET', `${cms}/m1`);
      await call(s.url, 'GET', `${cms}/absent`);
      await call(s.url, 'POST', `${cms}?dryRun=All`, { body: configMap('m2') });
      await fetch(`${s.url}${cms}?watch=true&timeoutSeconds=1`).then((r) => r.text());
      const res = await fetch(`${s.url}/metrics`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      const line = (prefix: string) => text.split('\n').find((l) => l.startsWith(prefix));
      const base = 'group="",version="v1",resource="configmaps",subresource=""';
      expect(line(`apiserver_request_total{verb="POST",dry_run="",${base},scope="resource",component="apiserver",code="201"}`)).to.be.a('string');
      expect(line(`apiserver_request_total{verb="POST",dry_run="All",${base},scope="resource",component="apiserver",code="201"}`)).to.be.a('string');
      expect(line(`apiserver_request_total{verb="GET",dry_run="",${base},scope="resource",component="apiserver",code="404"}`)).to.be.a('string');
      expect(line(`apiserver_request_total{verb="WATCH",dry_run="",${base},scope="namespace",component="apiserver",code="200"}`)).to.be.a('string');
      expect(line(`apiserver_request_duration_seconds_bucket{le="0.005",verb="GET",dry_run="",${base},scope="resource",component="apiserver"}`)).to.be.a('string');
      expect(line('apiserver_current_inflight_requests{request_kind="mutating"} 0')).to.be.a('string');
      const count = (await call<Obj>(s.url, 'GET', '/api/v1/configmaps')).body.items!.length;
      expect(line('apiserver_storage_objects{resource="configmaps"}')).to.equal(`apiserver_storage_objects{resource="configmaps"} ${count}`);
      expect(line('apiserver_storage_objects{resource="widgets.testing.kapi.dev"}')).to.be.a('string');
    });
  });

  describe('with small limits', () => {
    let s: TestServer;
    before(async () => {
      s = await startRestServer({ maxMutatingRequestsInFlight: 1, maxRequestsInFlight: 1, requestTimeoutMs: 700 });
    });
    after(() => s.stop());

    it('--request-timeout ends a slow write with 504 Timeout', async () => {
      const r = await call<Status>(s.url, 'POST', widgets, { body: widget('slow-one') });
      expect(r.status).to.equal(504);
      expect(r.body.reason).to.equal('Timeout');
      expect(r.body.kind).to.equal('Status');
    });

    it('--max-mutating-requests-inflight refuses the write that finds the pool full: 429 with Retry-After', async () => {
      const slow = call(s.url, 'POST', `${widgets}?timeout=5s`, { body: widget('slow-two') });
      await new Promise((r) => setTimeout(r, 150));
      const refused = await call<Status>(s.url, 'POST', cms, { body: configMap('refused') });
      expect(refused.status).to.equal(429);
      expect(refused.headers.get('retry-after')).to.equal('1');
      expect(refused.body.reason).to.equal('TooManyRequests');
      expect(refused.body.details?.retryAfterSeconds).to.equal(1);
      const read = await call(s.url, 'GET', cms);
      expect(read.status, 'reads have their own pool').to.equal(200);
      await slow;
      expect((await call(s.url, 'GET', `${cms}/refused`)).status).to.equal(404);
      const after = await call(s.url, 'POST', cms, { body: configMap('accepted') });
      expect(after.status).to.equal(201);
      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      expect(metrics, 'a refused request is counted with its resource').to.contain(
        'apiserver_request_total{verb="POST",dry_run="",group="",version="v1",resource="configmaps",subresource="",scope="resource",component="apiserver",code="429"} 1',
      );
    });

    it('watches do not count against --max-requests-inflight', async () => {
      const ctrl = new AbortController();
      const watch = await fetch(`${s.url}${cms}?watch=true&timeoutSeconds=5`, { signal: ctrl.signal });
      expect(watch.status).to.equal(200);
      const r = await call(s.url, 'GET', cms);
      expect(r.status).to.equal(200);
      ctrl.abort();
    });
  });

  it('kapi server takes the flags and writes one structured log line per request', async () => {
    const kapi = await startKapiProcess(['--log-level', 'info', '--max-requests-inflight', '50', '--request-timeout', '30s']);
    try {
      await fetch(`${kapi.url}/api/v1/namespaces/default/configmaps`, { headers: { 'User-Agent': 'rest-test/1.0' } }).then((r) => r.text());
      await new Promise((r) => setTimeout(r, 300));
      const lines = kapi
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const entry = lines.find((l) => l.msg === 'HTTP' && l.URI === '/api/v1/namespaces/default/configmaps');
      expect(entry, kapi.output()).to.not.equal(undefined);
      expect(entry).to.include({ verb: 'GET', resp: 200, userAgent: 'rest-test/1.0' });
      expect(entry!.latency).to.match(/^\d+\.\d{3}ms$/);
      expect(entry!.auditID).to.match(/^[0-9a-f-]{36}$/);
      const bad = await startKapiProcess(['--max-requests-inflight', 'lots']).then(
        () => 'started',
        (err: Error) => err.message,
      );
      expect(bad).to.contain('invalid argument "lots" for "--max-requests-inflight" flag');
    } finally {
      expect(await kapi.stop()).to.equal(0);
    }
  });
});
