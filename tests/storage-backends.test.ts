import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { getJSON, readJSON } from './support/http';
import { startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { eventually } from './support/eventually';

const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { payload: 'x'.repeat(512) } });

async function post(url: string, obj: unknown): Promise<Response> {
  return fetch(`${url}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(obj) });
}

async function names(url: string): Promise<Set<string>> {
  const list = await getJSON(`${url}/api/v1/namespaces/default/configmaps`);
  return new Set(list.items.map((i: { metadata: { name: string } }) => i.metadata.name));
}

describe('kapi server on the embedded backend', function () {
  this.timeout(120_000);
  let data: ReturnType<typeof tempDir>;
  beforeEach(() => (data = tempDir('kapi-embedded-')));
  afterEach(() => data.cleanup());

  it('keeps every acknowledged create across kill -9 and restart', async () => {
    const first = await startKapi(['--data-dir', data.dir]);
    const acked: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `cm-${w}-${i}`;
        try {
          const res = await post(first.url, configMap(name));
          if (res.status === 201) acked.push(name);
        } catch {
          return; // the server died mid-request: that create was never acknowledged
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    await eventually(() => expect(acked.length, 'acknowledged writes').to.be.at.least(300), 60_000);
    await first.kill();
    stop = true;
    await Promise.all(writers);
    const second = await startKapi(['--data-dir', data.dir]);
    try {
      const stored = await names(second.url);
      const lost = acked.filter((n) => !stored.has(n));
      expect(lost, 'acknowledged creates lost').to.deep.equal([]);
      const list = await getJSON(`${second.url}/api/v1/namespaces/default/configmaps`);
      // The writers' ConfigMaps, not the root CA publisher's kube-root-ca.crt.
      for (const item of list.items) if (item.metadata.name !== 'kube-root-ca.crt') expect(item.data.payload).to.have.length(512);
    } finally {
      await second.stop();
    }
  });

  it('refuses a second server on the same data dir with a clear message', async () => {
    const first = await startKapi(['--data-dir', data.dir]);
    try {
      const err = await startKapi(['--data-dir', data.dir]).then(
        (k) => k.stop().then(() => undefined),
        (e: Error) => e,
      );
      expect(err, 'second server must not start').to.be.instanceOf(Error);
      expect(err!.message).to.match(/exited with 1 before serving/);
      expect(err!.message).to.include('in use by another kapi process');
    } finally {
      await first.stop();
    }
  });

  it('is the default backend of kapi server', async () => {
    const k = await startKapi(['--data-dir', data.dir]);
    try {
      expect(k.output()).to.include('(storage: embedded');
    } finally {
      await k.stop();
    }
  });
});

describe('kapi server on etcd3', function () {
  this.timeout(120_000);
  let etcd: EtcdProcess;
  let kapi: KapiProcess;
  before(async () => {
    etcd = await startEtcd();
    kapi = await startKapi(['--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint]);
  });
  after(async () => {
    await kapi?.stop();
    await etcd?.stop();
  });

  it('stores objects at /registry/<resource>/<namespace>/<name> for etcdctl', async () => {
    expect((await post(kapi.url, configMap('seen-by-etcdctl'))).status).to.equal(201);
    const out = execFileSync('etcdctl', ['--endpoints', etcd.endpoint, 'get', '--prefix', '/registry/configmaps/default/', '--keys-only'], {
      env: { ...process.env, ETCDCTL_API: '3' },
    }).toString();
    expect(out).to.include('/registry/configmaps/default/seen-by-etcdctl');
  });

  it('keeps every object across a kapi restart', async () => {
    expect((await post(kapi.url, configMap('survives-restart'))).status).to.equal(201);
    await kapi.stop();
    kapi = await startKapi(['--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint]);
    expect(await names(kapi.url)).to.include('survives-restart');
  });

  it('answers a 5xx Status while etcd is down and recovers when it returns', async () => {
    await etcd.kill();
    const started = Date.now();
    const res = await fetch(`${kapi.url}/api/v1/namespaces/default/configmaps/survives-restart`);
    expect(Date.now() - started).to.be.lessThan(15_000);
    expect(res.status).to.be.within(500, 504);
    expect((await readJSON(res)).kind).to.equal('Status');
    await etcd.restart();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await fetch(`${kapi.url}/api/v1/namespaces/default/configmaps/survives-restart`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).to.equal(200);
  });

  it('exits non-zero with a clear error when etcd is unreachable at start', async () => {
    const err = await startKapi(['--storage-backend', 'etcd3', '--etcd-servers', 'http://127.0.0.1:1']).then(
      (k) => k.stop().then(() => undefined),
      (e: Error) => e,
    );
    expect(err).to.be.instanceOf(Error);
    expect(err!.message).to.include('cannot reach etcd');
  });
});
