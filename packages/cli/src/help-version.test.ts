import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';

const root = path.join(__dirname, '..', '..', '..');

/**
 * Runs `kapi <args>` from source in a fresh process: its exit code, its output, and whether any of
 * @kapi/controlplane was loaded (envtest probes `--help`; loading every group takes seconds).
 */
function kapi(args: string[]): { code: number; stdout: string; loadedControlplane: boolean } {
  const script = `
    require('reflect-metadata');
    require('./packages/cli/src/main').main(${JSON.stringify(args)}).then((code) => {
      const loaded = Object.keys(require.cache).some((f) => f.includes('/packages/controlplane/'));
      process.stderr.write(JSON.stringify({ code, loaded }));
    });`;
  const r = spawnSync(process.execPath, ['--conditions=kapi-source', '--require', 'tsx/cjs', '-e', script], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.base.json') },
    encoding: 'utf8',
  });
  const verdict = JSON.parse(r.stderr.slice(r.stderr.lastIndexOf('{'))) as { code: number; loaded: boolean };
  return { code: verdict.code, stdout: r.stdout, loadedControlplane: verdict.loaded };
}

describe('kapi --help and --version', function () {
  this.timeout(60_000);

  it('server --help prints the flags without loading the control plane', () => {
    const r = kapi(['server', '--help']);
    expect(r).to.include({ code: 0, loadedControlplane: false });
    expect(r.stdout).to.match(/^kapi server runs a Kubernetes-compatible API server\.\n/);
    expect(r.stdout).to.include('--authorization-mode strings');
  });

  it('--version prints the Kubernetes version as kube-apiserver does, for every spelling, without the control plane', () => {
    for (const args of [['--version'], ['server', '--version'], ['kube-apiserver', '--version']]) {
      expect(kapi(args), args.join(' ')).to.deep.equal({ code: 0, stdout: 'Kubernetes v1.32.0-kapi.0.1.0\n', loadedControlplane: false });
    }
  });
});
