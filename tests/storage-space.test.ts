import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { eventually } from './support/eventually';
import { kapiCLI, startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { kubectl } from './support/kubectl';
import { etcdNoSpaceStatus } from './support/storage-space';

/**
 * Space on both backends: the store's size in kube's metrics, writes refused as kube-apiserver
 * refuses them on etcd's NOSPACE (500 with etcd's message and no reason — checked against the real
 * kube-apiserver v1.32.4 on an etcd with a 12 MiB quota), reads and deletes going on meanwhile,
 * and writes back once space is made: on etcd by compact + defrag + alarm disarm (the operator's
 * steps), on the embedded store by the periodic compaction alone; `kapi defrag` then shrinks the file.
 */

const noSpaceStatus = etcdNoSpaceStatus;
const bigValue = 'x'.repeat(400_000);

interface Backend {
  args: string[];
  clusterID: string;
  endpoint: string;
  /** What an operator does to get writes back. */
  makeRoom(): Promise<void>;
  cleanup(): Promise<void>;
}

const { dir, cleanup } = tempDir('kapi-space-');
const dataDir = path.join(dir, 'data');

const backends: [string, () => Promise<Backend>][] = [
  [
    'embedded',
    async () => ({
      // 5 MB of pages in use; compaction each second so that deletes free space quickly.
      args: ['--storage-backend', 'embedded', '--data-dir', dataDir, '--quota-backend-bytes', String(5_000_000), '--etcd-compaction-interval', '1s'],
      clusterID: 'embedded-0',
      endpoint: path.join(dataDir, 'kapi.mdb'),
      makeRoom: async () => undefined,
      cleanup: async () => undefined,
    }),
  ],
  [
    'etcd3',
    async () => {
      const etcd: EtcdProcess = await startEtcd({ extraArgs: ['--quota-backend-bytes', String(12 * 1024 * 1024)] });
      const ctl = (...args: string[]) => execFileSync('etcdctl', ['--endpoints', etcd.endpoint, ...args], { encoding: 'utf8' });
      return {
        args: ['--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint, '--etcd-compaction-interval', '0'],
        clusterID: 'etcd-0',
        endpoint: etcd.endpoint,
        async makeRoom() {
          const revision = JSON.parse(ctl('endpoint', 'status', '-w', 'json'))[0].Status.header.revision;
          ctl('compact', String(revision));
          ctl('defrag');
          ctl('alarm', 'disarm');
        },
        cleanup: () => etcd.stop(),
      };
    },
  ],
];

const createConfigMap = (kapi: KapiProcess, name: string) =>
  fetch(`${kapi.url}/api/v1/namespaces/default/configmaps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: bigValue } }),
  });

const metric = (text: string, name: string, labels: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

for (const [name, newBackend] of backends) {
  describe(`storage space on ${name}`, function () {
    this.timeout(600_000);
    let backend: Backend;
    let kapi: KapiProcess | undefined;
    const acked: string[] = [];

    before(async () => {
      backend = await newBackend();
      kapi = await startKapi(backend.args);
    });
    after(async () => {
      await kapi?.stop();
      await backend?.cleanup();
    });

    it("reports the store's size as kube does", async () => {
      const text = await (await fetch(`${kapi!.url}/metrics`)).text();
      const size = metric(text, 'apiserver_storage_size_bytes', `storage_cluster_id="${backend.clusterID}"`);
      expect(size).to.be.greaterThan(0);
      // Two reads of the store in one scrape: equal unless a write landed in between.
      expect(metric(text, 'apiserver_storage_db_total_size_in_bytes', `endpoint="${backend.endpoint}"`)).to.be.closeTo(size!, 64 * 1024);
    });

    it("refuses writes past the quota with kube's Status for etcd's NOSPACE; reads and deletes go on", async () => {
      let refused: Response | undefined;
      for (let i = 0; i < 100 && !refused; i++) {
        const res = await createConfigMap(kapi!, `big-${i}`);
        if (res.status === 201) acked.push(`big-${i}`);
        else refused = res;
      }
      expect(refused, 'the quota was never reached').to.not.equal(undefined);
      expect(refused!.status).to.equal(500);
      expect(await refused!.json()).to.deep.equal(noSpaceStatus);
      const file = path.join(dir, `big-${name}.txt`);
      writeFileSync(file, bigValue);
      const viaKubectl = await kubectl(kapi!.url, ['create', 'configmap', 'by-kubectl', `--from-file=k=${file}`]);
      // kubectl's words for a Status without a reason, the same against kube-apiserver on a full etcd.
      expect(viaKubectl.stderr).to.equal('error: failed to create configmap: etcdserver: mvcc: database space exceeded\n');
      const listed = (await (await fetch(`${kapi!.url}/api/v1/namespaces/default/configmaps`)).json()) as { items: { metadata: { name: string } }[] };
      for (const n of acked) expect(listed.items.map((i) => i.metadata.name)).to.include(n);
      for (const n of acked.splice(0, Math.ceil(acked.length * 0.6))) {
        expect((await fetch(`${kapi!.url}/api/v1/namespaces/default/configmaps/${n}`, { method: 'DELETE' })).status).to.equal(200);
      }
    });

    it('writes again once room is made, without a restart', async () => {
      await backend.makeRoom();
      await eventually(
        async () => {
          const res = await createConfigMap(kapi!, 'after-room');
          expect(res.status, await res.text()).to.equal(201);
        },
        30_000,
        500,
      );
      expect(kapi!.proc.exitCode).to.equal(null);
    });

    if (name === 'embedded') {
      it('kapi defrag (server stopped) gives the freed pages back to the disk; the objects stay', async () => {
        const refused = await kapiCLI(['defrag', '--data-dir', dataDir]);
        expect(refused.code).to.equal(1);
        expect(refused.stderr).to.include('is in use by another kapi process');
        await kapi!.stop();
        const before = statSync(path.join(dataDir, 'kapi.mdb')).size;
        const r = await kapiCLI(['defrag', '--data-dir', dataDir]);
        expect(r.code, r.stderr).to.equal(0);
        const after = statSync(path.join(dataDir, 'kapi.mdb')).size;
        expect(r.stdout).to.equal(`Finished defragmenting the embedded store in ${dataDir} (${before} bytes before, ${after} after)\n`);
        expect(after).to.be.lessThan(before * 0.75);
        process.stdout.write(`      (defrag: ${before} → ${after} bytes)\n`);
        kapi = await startKapi(backend.args);
        const listed = (await (await fetch(`${kapi.url}/api/v1/namespaces/default/configmaps`)).json()) as { items: { metadata: { name: string } }[] };
        const names = listed.items.map((i) => i.metadata.name);
        for (const n of [...acked, 'after-room']) expect(names).to.include(n);
      });
    }
  });
}

after(() => cleanup());
