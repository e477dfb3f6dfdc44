import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { repoRoot, startKapi, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';
import { testPKI } from './support/test-pki';

const widgetYaml = path.join(repoRoot, 'examples/widgets/widget.yaml');
const fixtures = path.join(repoRoot, 'packages/controlplane/src/plugins/testdata');

/** `kapi server` from source with the given args; resolves to its exit code and output (it must not start). */
async function kapiMustFail(args: string[]): Promise<{ code: number | null; output: string }> {
  const { serverArgs } = await testPKI();
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--conditions=kapi-source', '--require', 'tsx/cjs', path.join(repoRoot, 'packages/cli/src/bin.ts'), 'server', ...serverArgs, '--storage-backend', 'memory', ...args],
      { cwd: repoRoot, env: { ...process.env, NODE_OPTIONS: '', TSX_TSCONFIG_PATH: path.join(repoRoot, 'tsconfig.base.json') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`kapi did not exit:\n${output}`));
    }, 60_000);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The third-party plugin contract, proven from outside: examples/widgets loaded by `kapi server --plugin`, driven by kubectl. */
describe('kapi server --plugin @kapi/example-widgets, driven by kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory', '--plugin', '@kapi/example-widgets']);
  });
  after(async () => {
    expect(await kapi.stop()).to.equal(0);
  });

  it('lists the plugin group in api-resources beside the built-in groups', async () => {
    const out = await kubectlOk(kapi.url, ['api-resources', '--api-group', 'widgets.example.dev', '--no-headers']);
    expect(out.trim().split(/\s+/)).to.deep.equal(['widgets', 'wdg', 'widgets.example.dev/v1', 'true', 'Widget']);
    const apps = await kubectlOk(kapi.url, ['api-resources', '--api-group', 'apps', '-o', 'name']);
    expect(apps.trim().split('\n').sort()).to.deep.equal(['controllerrevisions.apps', 'daemonsets.apps', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps']);
  });

  it("applies widget.yaml and prints it with the plugin's columns", async () => {
    expect(await kubectlOk(kapi.url, ['apply', '-f', widgetYaml])).to.equal('widget.widgets.example.dev/blue-one created\n');
    const [header, row] = (await kubectlOk(kapi.url, ['get', 'widgets'])).trim().split('\n');
    expect(header.split(/\s+/)).to.deep.equal(['NAME', 'COLOR', 'SIZE', 'COUNT', 'PHASE', 'AGE']);
    expect(row.split(/\s+/).slice(0, 4)).to.deep.equal(['blue-one', 'blue', 'large', '3']);
    // No status yet: the PHASE cell is empty, as a CRD printer column whose path selects nothing.
    expect(row.slice(header.indexOf('PHASE'), header.indexOf('AGE')).trim()).to.equal('');
    expect(await kubectlOk(kapi.url, ['apply', '-f', widgetYaml])).to.equal('widget.widgets.example.dev/blue-one unchanged\n');
  });

  it("refuses an invalid widget and an immutable change with the plugin's validation", async () => {
    const bad = await kubectl(kapi.url, ['apply', '-f', '-'], {
      input: 'apiVersion: widgets.example.dev/v1\nkind: Widget\nmetadata:\n  name: bad\nspec:\n  size: huge\n',
    });
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('The Widget "bad" is invalid');
    expect(bad.stderr).to.include('spec.color: Required value');
    const repaint = await kubectl(kapi.url, ['patch', 'widget', 'blue-one', '--type=merge', '-p', '{"spec":{"color":"red"}}']);
    expect(repaint.stderr).to.include('spec.color: Invalid value: "string": field is immutable');
  });

  it('updates status through the status subresource only', async () => {
    await kubectlOk(kapi.url, ['patch', 'widget', 'blue-one', '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Ready"},"spec":{"count":99}}']);
    await kubectlOk(kapi.url, ['patch', 'widget', 'blue-one', '--type=merge', '-p', '{"status":{"phase":"Failed"}}']);
    const w = JSON.parse(await kubectlOk(kapi.url, ['get', 'wdg', 'blue-one', '-o', 'json']));
    expect(w.status).to.deep.equal({ phase: 'Ready' });
    expect(w.spec.count).to.equal(3);
    expect(await kubectlOk(kapi.url, ['get', 'all', '-o', 'name'])).to.include('widget.widgets.example.dev/blue-one');
    await kubectlOk(kapi.url, ['delete', '-f', widgetYaml]);
    expect((await kubectl(kapi.url, ['get', 'widget', 'blue-one'])).stderr).to.include('widgets.widgets.example.dev "blue-one" not found');
  });

  it('kubectl create deployment, scale and status on apps/v1 beside the plugin', async () => {
    await kubectlOk(kapi.url, ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
    expect(await kubectlOk(kapi.url, ['scale', 'deployment', 'web', '--replicas=3'])).to.equal('deployment.apps/web scaled\n');
    const d = JSON.parse(await kubectlOk(kapi.url, ['get', 'deploy', 'web', '-o', 'json']));
    expect(d.spec.replicas).to.equal(3);
    expect(d.metadata.generation).to.equal(2);
    expect(d.spec.strategy.rollingUpdate).to.deep.equal({ maxSurge: '25%', maxUnavailable: '25%' });
    const scale = JSON.parse(await kubectlOk(kapi.url, ['get', '--raw', '/apis/apps/v1/namespaces/default/deployments/web/scale']));
    expect(scale).to.deep.include({ apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { replicas: 3 }, status: { replicas: 0, selector: 'app=web' } });
    const [, row] = (await kubectlOk(kapi.url, ['get', 'deploy', 'web'])).trim().split('\n');
    expect(row.split(/\s+/).slice(0, 4)).to.deep.equal(['web', '0/3', '0', '0']);
  });
});

describe('kapi server --plugin with a bad plugin', function () {
  this.timeout(120_000);

  it('exits non-zero naming a plugin that throws at load, exports nothing, or clashes with apps', async () => {
    for (const [plugin, message] of [
      ['./packages/controlplane/src/plugins/testdata/throws', /Error: plugin "\.\/packages\/controlplane\/src\/plugins\/testdata\/throws": failed to load .*: plugin exploded/],
      [path.join(fixtures, 'no-export'), /Error: plugin ".*no-export": .* exports no ContainerModule/],
      [path.join(fixtures, 'apps-clash'), /Error: plugin ".*apps-clash": API group "apps" is already installed by a built-in group module/],
      ['@kapi/not-installed', /Error: plugin "@kapi\/not-installed": cannot find the module/],
    ] as const) {
      const { code, output } = await kapiMustFail(['--plugin', plugin]);
      expect(code, output).to.equal(1);
      expect(output).to.match(message);
      expect(output).not.to.include('serving on');
    }
  });
});
