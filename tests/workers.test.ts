import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { expect } from 'chai';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { eventually } from './support/eventually';
import { repoRoot, startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { testPKI } from './support/test-pki';

const bin = ['--conditions=kapi-source', '--require', 'tsx/cjs', 'packages/cli/src/bin.ts', 'server'];

/** The parent pid of a live process, from /proc. */
function ppidOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** `kapi server --workers N`: N processes behind one address, each a full apiserver on etcd (docs/workers.md). */
describe('kapi server --workers', function () {
  this.timeout(120_000);

  it('refuses --workers > 1 without etcd, and a count that is not a whole number ≥ 1, as usage errors', () => {
    const run = (args: string[]) => spawnSync(process.execPath, [...bin, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const embedded = run(['--workers', '2', '--storage-backend', 'embedded']);
    expect(embedded.status).to.equal(2);
    expect(embedded.stderr).to.include('--workers 2 needs --storage-backend etcd3');
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
      const line = await eventually(() => {
        const m = /^kapi: serving on (\S+) \(2 workers, pids (\d+) (\d+),/m.exec(kapi.output());
        if (!m) throw new Error(`no "serving on … (2 workers" line yet:\n${kapi.output()}`);
        return m;
      }, 60_000);
      expect(line[1]).to.equal(kapi.url);
      workerPids = [Number(line[2]), Number(line[3])];
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
});
