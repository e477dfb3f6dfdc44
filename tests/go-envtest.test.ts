import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { buildGoTests, goTestResults, runGoTest } from './support/go-test-binary';
import { repoRoot } from './support/kapi-process';

const assets = (which: 'kapi' | 'kube') => path.join(repoRoot, '.tmp/envtest', which);
const startMs = (output: string) => Number(/^ENVTEST-START-MS (\d+)$/m.exec(output)?.[1]);

/**
 * controller-runtime's envtest (v0.25) with kapi as its kube-apiserver: KUBEBUILDER_ASSETS holds a
 * `kube-apiserver` that runs `kapi kube-apiserver` with the flags envtest passes, and a real etcd.
 * The kubebuilder-style suite of tests/go/envtest (CRDs and webhook manifests from folders, the
 * Widget operator) must pass on it — and, as the oracle, on the real kube-apiserver.
 */
describe('envtest with kapi as the kube-apiserver', function () {
  this.timeout(600_000);
  const starts: Record<string, number> = {};

  before(() => {
    buildGoTests('envtest');
    const made = spawnSync('bash', [path.join(repoRoot, 'scripts/ensure-envtest-assets.sh')], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`ensure-envtest-assets: ${made.stderr}`);
  });
  after(() => {
    if (starts.kapi && starts.kube) console.log(`      envtest start-up: kapi ${starts.kapi} ms, kube-apiserver ${starts.kube} ms`);
  });

  for (const which of ['kapi', 'kube'] as const) {
    it(`the kubebuilder-style suite passes (${which === 'kapi' ? 'kapi kube-apiserver' : 'the real kube-apiserver'} + etcd)`, async function () {
      if (which === 'kube' && !existsSync(path.join(assets('kube'), 'kube-apiserver'))) this.skip();
      const run = await runGoTest('envtest', [], { KUBEBUILDER_ASSETS: assets(which) });
      const { passed, failed } = goTestResults(run.output);
      expect(failed, run.output).to.deep.equal([]);
      expect(passed, run.output).to.deep.equal(['TestWidgetOperator']);
      expect(run.code, run.output).to.equal(0);
      starts[which] = startMs(run.output);
      expect(starts[which], run.output).to.be.greaterThan(0);
    });
  }
});
