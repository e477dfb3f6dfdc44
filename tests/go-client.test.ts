import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { buildGoTests, goTestResults, runGoTest } from './support/go-test-binary';
import { startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { testPKI } from './support/test-pki';

const clientGoTests = [
  'TestTypedCRUD',
  'TestPatchTypes',
  'TestServerSideApply',
  'TestPagingAndSelectors',
  'TestDiscoveryAndRESTMapper',
  'TestDynamicClient',
  'TestEventRecorders',
  'TestInformerAcrossRestart',
  'TestWatchListSync',
];

const controllerRuntimeTests = ['TestOperatorReconcilesOwnedObjects', 'TestStatusUpdateConflictsAndRetries', 'TestLeaderElectionBetweenTwoManagers', 'TestConversionWebhook'];

/**
 * Moves etcd's revision past everything kapi wrote (a key outside kapi's prefix) and compacts up to
 * it: a watch from any resourceVersion a client saw before is then answered 410 Gone.
 */
function compactEtcd(endpoint: string): void {
  const put = spawnSync('etcdctl', ['--endpoints', endpoint, 'put', '/go-client-test/bump', String(Date.now())], { encoding: 'utf8' });
  if (put.status !== 0) throw new Error(`etcdctl put: ${put.stderr}`);
  const status = spawnSync('etcdctl', ['--endpoints', endpoint, 'endpoint', 'status', '-w', 'json'], { encoding: 'utf8' });
  const revision = JSON.parse(status.stdout)[0].Status.header.revision as number;
  const compact = spawnSync('etcdctl', ['--endpoints', endpoint, 'compact', String(revision)], { encoding: 'utf8' });
  if (compact.status !== 0) throw new Error(`etcdctl compact: ${compact.stderr}`);
}

/**
 * client-go (k8s.io/client-go v0.37, tests/go/clientgo) against kapi over TLS with the test PKI:
 * typed and dynamic clients, every patch type, server-side apply with apply configurations, paging,
 * selectors, discovery and the RESTMapper, both event recorders, informers across a restart of kapi
 * and WatchList; then controller-runtime v0.25 (tests/go/controllers) with the Widget operator of
 * tests/go/widget. Each Go package runs as one binary; kapi restarts when a test asks on stdout.
 */
for (const backend of ['etcd3', 'embedded'] as const) {
  describe(`client-go against kapi (${backend})`, function () {
    this.timeout(600_000);
    let etcd: EtcdProcess | undefined;
    let kapi: KapiProcess;
    let tmp: { dir: string; cleanup: () => void };
    let storageArgs: string[];

    before(async function () {
      buildGoTests('clientgo', 'controllers');
      tmp = tempDir('kapi-go-');
      if (backend === 'etcd3') etcd = await startEtcd();
      storageArgs = etcd
        ? ['--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint, '--data-dir', path.join(tmp.dir, 'data')]
        : ['--storage-backend', 'embedded', '--data-dir', path.join(tmp.dir, 'data')];
      // The suite counts the ConfigMaps it writes in its namespaces: the root CA publisher's kube-root-ca.crt would be one more.
      storageArgs.push('--controllers=*,-root-ca-certificate-publisher-controller');
      kapi = await startKapi(storageArgs);
    });
    after(async () => {
      await kapi?.stop();
      await etcd?.stop();
      tmp?.cleanup();
    });

    it('passes the client-go suite, re-listing after a restart', async () => {
      const pki = await testPKI();
      const port = new URL(kapi.url).port;
      let restarts = 0;
      const run = await runGoTest(
        'clientgo',
        [],
        {
          KAPI_URL: kapi.url,
          KAPI_CA: pki.caFile,
          KAPI_CERT: pki.adminCertFile,
          KAPI_KEY: pki.adminKeyFile,
          KAPI_RESTARTABLE: '1',
          KAPI_EXPECT_RELIST: etcd ? '1' : '0',
        },
        (line, reply) => {
          if (line.trim() !== 'KAPI-RESTART') return;
          void (async () => {
            await kapi.stop();
            // With the revisions the informer saw compacted away, its watch must end in 410 Gone.
            if (etcd) compactEtcd(etcd.endpoint);
            kapi = await startKapi([...storageArgs, '--secure-port', port]);
            restarts++;
            reply('restarted\n');
          })().catch((err) => reply(`failed: ${err}\n`));
        },
      );
      const { passed, failed } = goTestResults(run.output);
      expect(failed, run.output).to.deep.equal([]);
      expect(passed.sort(), run.output).to.deep.equal([...clientGoTests].sort());
      expect(run.code, run.output).to.equal(0);
      expect(restarts).to.equal(1);
    });

    it('runs a controller-runtime manager: cache, reconciler owning objects, admission and conversion webhooks, status conflicts, leader election', async () => {
      const pki = await testPKI();
      const run = await runGoTest('controllers', [], { KAPI_URL: kapi.url, KAPI_CA: pki.caFile, KAPI_CERT: pki.adminCertFile, KAPI_KEY: pki.adminKeyFile });
      const { passed, failed } = goTestResults(run.output);
      expect(failed, run.output).to.deep.equal([]);
      expect(passed.sort(), run.output).to.deep.equal([...controllerRuntimeTests].sort());
      expect(run.code, run.output).to.equal(0);
    });
  });
}
