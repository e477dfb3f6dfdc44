import { expect } from 'chai';
import { startTestServer, type ClientNode, type KubeConfig, type TestServer } from '@kapi/testing';
import { ConfigMapLabeler, seenLabel } from './support/configmap-labeler';
import { eventually } from './support/eventually';

/**
 * The example of docs/testing-kit.md: a client-node controller (support/configmap-labeler.ts)
 * tested against @kapi/testing — one server for the file, reset between tests, a fault and the clock.
 */
/** Waits until `ok` holds (eventually() waits for a check that stops throwing). */
const until = (ok: () => Promise<boolean>) =>
  eventually(
    async () => {
      if (!(await ok())) throw new Error('condition not met in time');
    },
    10_000,
    20,
  );

describe('testing kit example: a ConfigMap-labelling controller', function () {
  let kit: TestServer;
  let k8s: ClientNode;
  let kc: KubeConfig;
  let controller: ConfigMapLabeler;
  const ns = 'default';

  const core = () => kc.makeApiClient(k8s.CoreV1Api);
  const labelOf = async (name: string) => (await core().readNamespacedConfigMap({ name, namespace: ns })).metadata?.labels?.[seenLabel];
  const create = (name: string) => core().createNamespacedConfigMap({ namespace: ns, body: { metadata: { name }, data: { k: 'v' } } });

  before(async () => {
    k8s = await import('@kubernetes/client-node');
    kit = await startTestServer();
    kc = await kit.kubeConfig();
  });
  after(() => kit?.close());
  beforeEach(async () => {
    controller = new ConfigMapLabeler(k8s, kc, ns);
    await controller.start();
  });
  // Each test starts from the server as it was at start: reset() is a restore in milliseconds.
  afterEach(async () => {
    await controller.stop();
    await kit.reset();
  });

  it('labels a new ConfigMap', async () => {
    await create('plain');
    await until(async () => (await labelOf('plain')) === 'true');
  });

  it("starts from a clean server after the reset: the previous test's ConfigMap is gone", async () => {
    const names = (await core().listNamespacedConfigMap({ namespace: ns })).items.map((c) => c.metadata?.name);
    expect(names).to.not.include('plain');
  });

  it('waits out a 429 with its Retry-After, then labels', async () => {
    const throttle = kit.faults.respond({ verbs: ['patch'], resource: 'configmaps' }, { code: 429, retryAfterSeconds: 1, times: 2 });
    await create('throttled');
    await until(async () => (await labelOf('throttled')) === 'true');
    expect(throttle.hits).to.equal(2);
    expect(controller.retries).to.deep.equal([429, 429]);
  });

  it('keeps labelling after its watch is expired (410) and dropped', async () => {
    kit.faults.expireNextWatch({ resource: 'configmaps' });
    expect(kit.faults.dropWatches({ resource: 'configmaps' })).to.equal(1);
    await create('after-drop');
    await until(async () => (await labelOf('after-drop')) === 'true');
  });

  it('keeps labelling across a restore under it (its informer re-lists on 410)', async () => {
    const snap = kit.snapshot();
    await create('lost');
    await until(async () => (await labelOf('lost')) === 'true');
    await kit.restore(snap);
    await create('after-restore');
    await until(async () => (await labelOf('after-restore')) === 'true');
  });

  it('its Events are gone once the clock passes the event TTL (1h); the labels stay', async () => {
    await create('timed');
    const events = async () => (await core().listNamespacedEvent({ namespace: ns })).items.filter((e) => e.involvedObject.name === 'timed');
    await until(async () => (await events()).length >= 1);
    const n = (await events()).length;
    await kit.clock.advance('59m');
    expect(await events()).to.have.length(n);
    await kit.clock.advance('1m');
    await until(async () => (await events()).length === 0);
    expect(await labelOf('timed')).to.equal('true');
  });
});
