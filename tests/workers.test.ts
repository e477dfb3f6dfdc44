import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'undici';
import { expect } from 'chai';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { eventually } from './support/eventually';
import { repoRoot, startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { kubectlOk } from './support/kubectl';
import { testPKI } from './support/test-pki';
import { connectToWorker, type WorkerConnection } from './support/worker-connection';

const bin = ['--conditions=kapi-source', '--require', 'tsx/cjs', 'packages/cli/src/bin.ts', 'server'];

/** The parent pid of a live process, from /proc. */
function ppidOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** The pids in the primary's "serving on … (2 workers, pids A B, …)" line, once it printed it. */
async function workersServing(kapi: KapiProcess): Promise<number[]> {
  const line = await eventually(() => {
    const m = /^kapi: serving on (\S+) \(2 workers, pids (\d+) (\d+),/m.exec(kapi.output());
    if (!m) throw new Error(`no "serving on … (2 workers" line yet:\n${kapi.output()}`);
    return m;
  }, 60_000);
  expect(line[1]).to.equal(kapi.url);
  return [Number(line[2]), Number(line[3])];
}

/**
 * Files a process has mapped into memory (/proc/<pid>/maps) — LMDB maps its store, so the process that
 * opened it maps it. (Open descriptors would not tell: a forked worker inherits the primary's LMDB
 * descriptor, which LMDB opens without close-on-exec, but never maps or uses it.)
 */
function mappedFiles(pid: number): string[] {
  return readFileSync(`/proc/${pid}/maps`, 'utf8')
    .split('\n')
    .map((line) => line.split(/\s+/).slice(5).join(' '))
    .filter(Boolean);
}

/** `kapi server --workers N`: N processes behind one address, each a full apiserver on etcd or the embedded store (docs/workers.md). */
describe('kapi server --workers', function () {
  this.timeout(120_000);

  it('refuses --workers > 1 on the memory backend, and a count that is not a whole number ≥ 1, as usage errors', () => {
    const run = (args: string[]) => spawnSync(process.execPath, [...bin, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const memory = run(['--workers', '2', '--storage-backend', 'memory']);
    expect(memory.status).to.equal(2);
    expect(memory.stderr).to.include('--workers 2 needs --storage-backend etcd3 or embedded');
    const zero = run(['--workers', '0', '--storage-backend', 'etcd3']);
    expect(zero.status).to.equal(2);
    expect(zero.stderr).to.include('invalid argument "0" for "--workers" flag');
  });

  describe('on etcd', () => {
    let etcd: EtcdProcess;
    let kapi: KapiProcess;
    let workerPids: number[];
    const data = tempDir();

    before(async () => {
      etcd = await startEtcd();
      kapi = await startKapi(['--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint, '--workers', '2', '--data-dir', data.dir]);
      // The first worker's line comes first; the primary's once both serve.
      workerPids = await workersServing(kapi);
    });
    after(async () => {
      await kapi?.kill();
      await etcd?.stop();
      data.cleanup();
    });

    it('runs two worker processes under the primary, both serving the one secure port', async () => {
      for (const pid of workerPids) expect(ppidOf(pid), `worker ${pid}`).to.equal(kapi.proc.pid);
      expect(kapi.output()).to.match(/^kapi\[worker 1\]: serving on /m);
      expect(kapi.output()).to.match(/^kapi\[worker 2\]: serving on /m);
    });

    it("serves authenticated requests on fresh connections, whichever worker accepts them, and a write is read back from every worker's cache", async () => {
      const pki = await testPKI();
      const name = `workers-${Date.now()}`;
      const call = async (method: string, path: string, body?: unknown) => {
        // A new connection each time: the kernel picks the accepting worker per connection.
        const agent = new Agent({ connect: { ca: pki.ca.certPEM, cert: pki.admin.certPEM, key: pki.admin.keyPEM } });
        try {
          const res = await request(`${kapi.url}${path}`, {
            method: method as 'GET',
            dispatcher: agent,
            headers: { 'content-type': 'application/json' },
            body: body ? JSON.stringify(body) : undefined,
          });
          return { status: res.statusCode, body: (await res.body.json()) as { metadata?: { name?: string } } };
        } finally {
          await agent.close();
        }
      };
      const created = await call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      expect(created.status).to.equal(201);
      // resourceVersion=0 reads each worker's own watch cache: every connection must find it.
      await eventually(async () => {
        for (let i = 0; i < 12; i++) {
          const got = await call('GET', `/api/v1/namespaces/${name}?resourceVersion=0`);
          expect(got.status).to.equal(200);
          expect(got.body.metadata?.name).to.equal(name);
        }
      }, 20_000);
      const anonymous = await request(`${kapi.url}/api/v1/namespaces`, { dispatcher: new Agent({ connect: { ca: pki.ca.certPEM } }) });
      await anonymous.body.arrayBuffer();
      expect(anonymous.statusCode).to.equal(403);
    });

    it('stops every worker gracefully on SIGTERM and exits 0', async () => {
      const code = await kapi.stop();
      expect(code).to.equal(0);
      for (const pid of workerPids) expect(existsSync(`/proc/${pid}`), `worker ${pid} gone`).to.equal(false);
      expect(kapi.output()).to.match(/^kapi\[worker 1\]: shut down/m);
      expect(kapi.output()).to.match(/^kapi\[worker 2\]: shut down/m);
    });
  });
  describe('on the embedded store, owned by the primary', () => {
    let kapi: KapiProcess | undefined;
    let workerPids: number[];
    const data = tempDir();
    const store = () => path.join(data.dir, 'kapi.mdb');
    const conns: WorkerConnection[] = [];
    const start = (workers: string) => startKapi(['--storage-backend', 'embedded', '--workers', workers, '--data-dir', data.dir]);

    before(async () => {
      kapi = await start('2');
      workerPids = await workersServing(kapi);
    });
    after(async () => {
      await Promise.all(conns.map((c) => c.close().catch(() => undefined)));
      await kapi?.kill();
      data.cleanup();
    });

    it('runs two workers under the primary, and only the primary maps the store', () => {
      for (const pid of workerPids) expect(ppidOf(pid), `worker ${pid}`).to.equal(kapi!.proc.pid);
      expect(kapi!.output()).to.include(`embedded store owned by pid ${kapi!.proc.pid}`);
      expect(mappedFiles(kapi!.proc.pid!)).to.include(store());
      for (const pid of workerPids) expect(mappedFiles(pid), `worker ${pid}`).not.to.include(store());
    });

    it('serves connections in both workers: a write through one reaches a watch opened on the other, and its cache', async () => {
      // The kernel picks the accepting worker per connection; open connections until both served one.
      const byPid = new Map<number, WorkerConnection>();
      for (let i = 0; i < 40 && byPid.size < 2; i++) {
        const c = await connectToWorker(kapi!.url, workerPids);
        conns.push(c);
        if (!byPid.has(c.pid)) byPid.set(c.pid, c);
      }
      expect([...byPid.keys()].sort()).to.deep.equal([...workerPids].sort());
      const [watching, writing] = [byPid.get(workerPids[0])!, byPid.get(workerPids[1])!];

      const name = `across-workers-${Date.now()}`;
      const watch = await watching.client.request({
        method: 'GET',
        path: `/api/v1/namespaces/default/configmaps?watch=1&fieldSelector=metadata.name%3D${name}`,
      });
      expect(watch.statusCode).to.equal(200);
      let seen = '';
      const added = new Promise<void>((resolve) =>
        watch.body.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (seen.includes('"type":"ADDED"') && seen.includes(name)) resolve();
        }),
      );
      const created = await writing.client.request({
        method: 'POST',
        path: '/api/v1/namespaces/default/configmaps',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { from: String(writing.pid) } }),
      });
      expect(created.statusCode, await created.body.text()).to.equal(201);
      await Promise.race([added, new Promise((_, reject) => setTimeout(() => reject(new Error(`no ADDED on the other worker; got: ${seen}`)), 10_000))]);
      watch.body.destroy();
      // The watching worker's own watch cache has it too (resourceVersion=0 is served from the cache).
      const cached = await watching.client.request({ method: 'GET', path: `/api/v1/namespaces/default/configmaps/${name}?resourceVersion=0` });
      const body = (await cached.body.json()) as { data?: { from?: string } };
      expect(cached.statusCode).to.equal(200);
      expect(body.data?.from).to.equal(String(writing.pid));
    });

    it('works for kubectl create and get', async () => {
      await kubectlOk(kapi!.url, ['create', 'configmap', 'kept', '-n', 'default', '--from-literal=a=b']);
      expect(await kubectlOk(kapi!.url, ['get', 'configmap', 'kept', '-n', 'default', '-o', 'jsonpath={.data.a}'])).to.equal('b');
    });

    it('lets kapi snapshot save read the running store, and kapi defrag find it in use by the primary', () => {
      const cli = (args: string[]) =>
        spawnSync(process.execPath, ['--conditions=kapi-source', '--require', 'tsx/cjs', 'packages/cli/src/bin.ts', ...args], {
          cwd: repoRoot,
          encoding: 'utf8',
          env: { ...process.env, NODE_OPTIONS: '' },
        });
      const file = path.join(data.dir, '..', `${path.basename(data.dir)}.snapshot`);
      try {
        const saved = cli(['snapshot', 'save', file, '--data-dir', data.dir]);
        expect(saved.status, saved.stderr).to.equal(0);
        expect(saved.stdout).to.match(/^Snapshot saved at .* \(revision \d+, \d+ bytes\)/);
      } finally {
        rmSync(file, { force: true });
      }
      const defrag = cli(['defrag', '--data-dir', data.dir]);
      expect(defrag.status).to.equal(1);
      expect(defrag.stderr).to.include(`is in use by another kapi process (pid ${kapi!.proc.pid})`);
    });

    it('stops every worker and then the store on SIGTERM, exits 0, and the data survives a restart with 2 workers and with 1', async () => {
      await Promise.all(conns.map((c) => c.close().catch(() => undefined)));
      const code = await kapi!.stop();
      expect(code, kapi!.output()).to.equal(0);
      for (const pid of workerPids) expect(existsSync(`/proc/${pid}`), `worker ${pid} gone`).to.equal(false);
      expect(kapi!.output()).to.match(/^kapi\[worker 1\]: shut down/m);
      expect(kapi!.output()).to.match(/^kapi\[worker 2\]: shut down/m);

      // The data dir's lock was released: a new server opens the same store.
      kapi = await start('2');
      await workersServing(kapi);
      expect(await kubectlOk(kapi.url, ['get', 'configmap', 'kept', '-n', 'default', '-o', 'jsonpath={.data.a}'])).to.equal('b');
      await kubectlOk(kapi.url, ['create', 'configmap', 'second', '-n', 'default', '--from-literal=a=c']);
      expect(await kapi.stop()).to.equal(0);

      kapi = await start('1');
      const got = await kubectlOk(kapi.url, ['get', 'configmaps', '-n', 'default', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.data.a} {end}']);
      expect(got).to.include('kept=b').and.include('second=c');
      expect(await kapi.stop()).to.equal(0);
    });
  });
});
