import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, kubectl, kubectlOk, startRestServer, type TestServer } from './rest-helpers';

const manifest = readFileSync(join(__dirname, 'fixtures/every-kind/events.yaml'), 'utf8');
const eventsV1 = '/apis/events.k8s.io/v1/namespaces/default/events';
const coreEvents = '/api/v1/namespaces/default/events';
// The full name: `events` alone is core's (the legacy group comes first).
const EVENTS = 'events.v1.events.k8s.io';

describe('events.k8s.io/v1 through kubectl: one storage with core events', function () {
  this.timeout(90_000);
  let server: TestServer;
  before(async () => {
    server = await startRestServer();
  });
  after(() => server.stop());

  it("applies an events.k8s.io Event, diffs empty, server-side applies, and prints core's event columns", async () => {
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: manifest });
    const diff = await kubectl(server.url, ['diff', '-f', '-'], { input: manifest });
    expect(diff.code, diff.stdout + diff.stderr).to.equal(0);
    await kubectlOk(server.url, ['apply', '--server-side', '--force-conflicts', '-f', '-'], { input: manifest });
    const lines = (await kubectlOk(server.url, ['get', EVENTS])).trim().split('\n');
    expect(lines[0].trim().split(/\s{2,}/)).to.deep.equal(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(lines[1].split(/\s{2,}/).slice(1)).to.deep.equal(['Normal', 'ScalingReplicaSet', 'deployment/web', 'Scaled up replica set web-5d9 to 3']);
  });

  it("the same event reads as a core v1 Event, its fields under core's names", async () => {
    const core = JSON.parse(await kubectlOk(server.url, ['get', 'events', 'web.scaled', '-o', 'json']));
    expect(core.apiVersion).to.equal('v1');
    expect(core).to.deep.include({
      message: 'Scaled up replica set web-5d9 to 3',
      reportingComponent: 'kapi.dev/deployment-controller',
      reportingInstance: 'controller-0',
      involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'default' },
    });
    const ev = JSON.parse(await kubectlOk(server.url, ['get', EVENTS, 'web.scaled', '-o', 'json']));
    expect(ev.apiVersion).to.equal('events.k8s.io/v1');
    expect(ev.metadata.uid).to.equal(core.metadata.uid);
    expect(ev.metadata.resourceVersion).to.equal(core.metadata.resourceVersion);
    expect(ev).to.not.have.any.keys('message', 'involvedObject', 'reportingComponent');
  });

  it('a core event (as kubelets record them) is listed by events.k8s.io with note, regarding and the deprecated fields', async () => {
    const res = await call(server.url, 'POST', coreEvents, {
      body: {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'pod-a.pulled' },
        type: 'Normal',
        reason: 'Pulled',
        message: 'Image pulled',
        involvedObject: { kind: 'Pod', name: 'pod-a', namespace: 'default' },
        source: { component: 'kubelet', host: 'node-a' },
        firstTimestamp: '2026-12-03T10:00:00Z',
        lastTimestamp: '2026-12-03T10:01:00Z',
        count: 2,
      },
    });
    expect(res.status, res.text).to.equal(201);
    const ev = JSON.parse(await kubectlOk(server.url, ['get', EVENTS, 'pod-a.pulled', '-o', 'json']));
    expect(ev).to.deep.include({
      note: 'Image pulled',
      regarding: { kind: 'Pod', name: 'pod-a', namespace: 'default' },
      deprecatedSource: { component: 'kubelet', host: 'node-a' },
      deprecatedFirstTimestamp: '2026-12-03T10:00:00Z',
      deprecatedLastTimestamp: '2026-12-03T10:01:00Z',
      deprecatedCount: 2,
    });
    const names = (await kubectlOk(server.url, ['get', EVENTS, '-o', 'name'])).trim().split('\n');
    expect(names).to.deep.equal(['event.events.k8s.io/pod-a.pulled', 'event.events.k8s.io/web.scaled']);
    const selected = await kubectlOk(server.url, ['get', EVENTS, '--field-selector', 'regarding.kind=Pod', '-o', 'name']);
    expect(selected.trim()).to.equal('event.events.k8s.io/pod-a.pulled');
  });

  it("refuses what events.k8s.io refuses (eventTime, reporter, deprecated fields) with kube's 422 causes, storing nothing", async () => {
    const res = await call(server.url, 'POST', eventsV1, {
      body: {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'bad' },
        reason: 'R',
        type: 'Odd',
        regarding: { kind: 'Pod', name: 'p' },
        deprecatedCount: 3,
      },
    });
    expect(res.status).to.equal(422);
    const causes = (res.body as { details: { causes: { field: string; message: string }[] } }).details.causes.map((c) => `${c.field}: ${c.message}`);
    expect(causes).to.deep.equal(['eventTime: Required value', 'type: Invalid value: "": has invalid value: Odd', 'count: Invalid value: "": needs to be unset']);
    const noReporter = await call(server.url, 'POST', eventsV1, {
      body: {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'bad' },
        eventTime: '2026-12-03T10:00:00.000000Z',
        type: 'Normal',
        regarding: { kind: 'Pod', name: 'p', namespace: 'default' },
      },
    });
    const fields = (noReporter.body as { details: { causes: { field: string; message: string }[] } }).details.causes.map((c) => `${c.field}: ${c.message}`);
    expect(fields.filter((c) => c.endsWith('Required value'))).to.deep.equal([
      'reportingController: Required value',
      'reportingInstance: Required value',
      'action: Required value',
      'reason: Required value',
    ]);
    expect((await call(server.url, 'GET', `${coreEvents}/bad`)).status).to.equal(404);
  });

  it('an events.k8s.io update may only move the series on', async () => {
    const ev = (await call(server.url, 'GET', `${eventsV1}/web.scaled`)).body as Record<string, unknown>;
    const series = { count: 2, lastObservedTime: '2026-12-03T10:05:00.000000Z' };
    const ok = await call(server.url, 'PUT', `${eventsV1}/web.scaled`, { body: { ...ev, series } });
    expect(ok.status, ok.text).to.equal(200);
    const bad = await call(server.url, 'PUT', `${eventsV1}/web.scaled`, { body: { ...(ok.body as object), note: 'changed' } });
    expect(bad.status).to.equal(422);
    expect((bad.body as { message: string }).message).to.match(/message: Invalid value: "changed": field is immutable/);
  });

  it('deletes through either group', async () => {
    await kubectlOk(server.url, ['delete', '-f', '-'], { input: manifest });
    await kubectlOk(server.url, ['delete', 'events', 'pod-a.pulled']);
    expect((await kubectlOk(server.url, ['get', EVENTS, '-o', 'name'])).trim()).to.equal('');
  });
});
