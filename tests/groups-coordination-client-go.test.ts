import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { createTestServer } from './support/create-test-server';
import { repoRoot } from './support/kapi-process';
import { kubectlOk } from './support/kubectl';
import { testPKI } from './support/test-pki';

const sourceDir = path.join(__dirname, 'compat', 'go', 'leader-elector');
const binary = path.join(repoRoot, '.tmp', 'leader-elector');

interface Event {
  at: number;
  what: string;
  identity: string;
}

/** Runs one client-go candidate to its end; resolves with the events it printed, stamped as they arrived. */
function runCandidate(args: string[], events: Event[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let pending = '';
    proc.stdout.on('data', (d) => {
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [what, identity] = line.trim().split(' ');
        if (what) events.push({ at: Date.now(), what, identity });
      }
    });
    proc.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`leader-elector timed out\n${stderr}`));
    }, 60_000);
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * client-go's own leader election (tools/leaderelection with a LeaseLock, built from the pinned
 * k8s.io/client-go) against kapi on a real etcd: two candidates, one leads, releases, and the other
 * takes over — the resourceVersion check they rely on goes down to etcd's compare-and-swap.
 */
describe('coordination.k8s.io/v1 Leases carry client-go leader election', function () {
  this.timeout(120_000);
  let etcd: EtcdProcess;
  let server: KapiServer;
  before(async function () {
    const build = spawnSync('go', ['build', '-o', binary, '.'], { cwd: sourceDir, encoding: 'utf8', timeout: 300_000 });
    if (build.status !== 0) throw new Error(`go build of the leader-elector failed:\n${build.stderr}`);
    etcd = await startEtcd();
    server = await createTestServer({ storage: { type: 'etcd3', servers: [etcd.endpoint] } });
  });
  after(async () => {
    await server?.close();
    await etcd?.stop();
  });

  // kube's own components write their Leases as protobuf; plain clients as JSON.
  for (const contentType of ['application/json', 'application/vnd.kubernetes.protobuf']) {
    it(`one candidate leads at a time; the lease passes on release and records the transition (${contentType})`, async () => {
      const pki = await testPKI();
      const lease = `election-${contentType.endsWith('json') ? 'json' : 'protobuf'}`;
      const common = [
        '-server',
        server.url,
        '-ca',
        pki.caFile,
        '-cert',
        pki.adminCertFile,
        '-key',
        pki.adminKeyFile,
        '-lease',
        lease,
        '-lead-for',
        '2s',
        '-content-type',
        contentType,
      ];
      const events: Event[] = [];
      const codes = await Promise.all([runCandidate([...common, '-id', 'alpha'], events), runCandidate([...common, '-id', 'beta'], events)]);
      expect(codes).to.deep.equal([0, 0]);

      const leading = events.filter((e) => e.what === 'leading');
      expect(leading.map((e) => e.identity).sort()).to.deep.equal(['alpha', 'beta']);
      const [first, second] = leading.sort((a, b) => a.at - b.at);
      const firstStopped = events.find((e) => e.what === 'stopped' && e.identity === first.identity);
      expect(firstStopped, 'the first leader stops leading').to.not.equal(undefined);
      // Never two leaders at once: the first leads for 2s (-lead-for), and the second only after it let go.
      expect(second.at - first.at).to.be.at.least(1_900);
      expect(events.some((e) => e.what === 'new-leader' && e.identity === second.identity)).to.equal(true);

      const stored = JSON.parse(await kubectlOk(server.url, ['get', 'lease', lease, '-o', 'json']));
      // Released on exit (ReleaseOnCancel) by the last leader; one hand-over was recorded.
      expect(stored.spec.holderIdentity ?? '').to.equal('');
      expect(stored.spec.leaseTransitions).to.equal(1);
      expect(stored.spec.renewTime).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    });
  }
});
