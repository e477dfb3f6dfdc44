import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { repoRoot, startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';
import { testPKI, testAdminUser } from './support/test-pki';

const guard = '@kapi/example-configmap-guard';

function configMapYaml(name: string, data: Record<string, string>, labels: Record<string, string> = {}): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels }, data });
}

async function getConfigMap(url: string, name: string): Promise<{ code: number | null; obj?: { metadata: { labels?: Record<string, string> }; data?: Record<string, string> } }> {
  const r = await kubectl(url, ['get', 'configmap', name, '-n', 'default', '-o', 'json']);
  return { code: r.code, obj: r.code === 0 ? JSON.parse(r.stdout) : undefined };
}

/** `kapi server` that must not start: its exit code and output. */
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

describe('admission chain: a third-party plugin (examples/configmap-guard) on create, update, patch, apply and delete, via kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  let tmp: ReturnType<typeof tempDir>;

  before(async () => {
    tmp = tempDir();
    const config = path.join(tmp.dir, 'admission.yaml');
    fs.writeFileSync(config, ['apiVersion: apiserver.config.k8s.io/v1', 'kind: AdmissionConfiguration', 'plugins:', '- name: ConfigMapGuard', '  path: guard.yaml', ''].join('\n'));
    fs.writeFileSync(path.join(tmp.dir, 'guard.yaml'), 'forbiddenKeys: [password, token]\n');
    kapi = await startKapi(['--storage-backend', 'memory', '--plugin', guard, '--admission-control-config-file', config]);
  });
  after(async () => {
    await kapi?.stop();
    tmp?.cleanup();
  });

  it('mutating admission labels a created ConfigMap with its creator, and the label is stored', async () => {
    await kubectlOk(kapi.url, ['create', 'configmap', 'plain', '-n', 'default', '--from-literal=a=b']);
    const { obj } = await getConfigMap(kapi.url, 'plain');
    expect(obj?.metadata.labels).to.include({ 'guard.example.dev/created-by': testAdminUser });
  });

  it("validating admission refuses a forbidden key on create with 403 and kube's message; nothing is stored", async () => {
    const r = await kubectl(kapi.url, ['create', 'configmap', 'secretive', '-n', 'default', '--from-literal=token=x']);
    expect(r.code).to.not.equal(0);
    expect(r.stderr).to.include('error: failed to create configmap: configmaps "secretive" is forbidden: data key "token" is not allowed in a ConfigMap');
    expect((await getConfigMap(kapi.url, 'secretive')).code).to.not.equal(0);
  });

  it('admission runs on dry-run requests too', async () => {
    const r = await kubectl(kapi.url, ['create', 'configmap', 'dry', '-n', 'default', '--from-literal=password=x', '--dry-run=server']);
    expect(r.stderr).to.include('configmaps "dry" is forbidden: data key "password" is not allowed in a ConfigMap');
  });

  it('refuses the forbidden key on update (PUT), merge patch and server-side apply; the stored object is unchanged', async () => {
    await kubectlOk(kapi.url, ['create', 'configmap', 'target', '-n', 'default', '--from-literal=a=1']);
    const replaced = await kubectl(kapi.url, ['replace', '-f', '-'], { input: configMapYaml('target', { a: '1', password: 'p' }) });
    expect(replaced.stderr).to.include('configmaps "target" is forbidden: data key "password" is not allowed in a ConfigMap');
    const patched = await kubectl(kapi.url, ['patch', 'configmap', 'target', '-n', 'default', '--type=merge', '-p', '{"data":{"token":"t"}}']);
    expect(patched.stderr).to.include('configmaps "target" is forbidden: data key "token" is not allowed in a ConfigMap');
    const applied = await kubectl(kapi.url, ['apply', '--server-side', '-f', '-'], { input: configMapYaml('target', { a: '1', password: 'p' }) });
    expect(applied.stderr).to.include('configmaps "target" is forbidden: data key "password" is not allowed in a ConfigMap');
    expect((await getConfigMap(kapi.url, 'target')).obj?.data).to.deep.equal({ a: '1' });
  });

  it('validating admission sees the stored object on delete: a protected ConfigMap is not deleted', async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: configMapYaml('keep', { a: '1' }, { 'guard.example.dev/protected': 'true' }) });
    const r = await kubectl(kapi.url, ['delete', 'configmap', 'keep', '-n', 'default']);
    expect(r.stderr).to.include('Error from server (Forbidden): configmaps "keep" is forbidden: protected ConfigMaps may not be deleted');
    expect((await getConfigMap(kapi.url, 'keep')).code).to.equal(0);
    const all = await kubectl(kapi.url, ['delete', 'configmaps', '--all', '-n', 'default']);
    expect(all.stderr).to.include('is forbidden: protected ConfigMaps may not be deleted');
    expect((await getConfigMap(kapi.url, 'keep')).code).to.equal(0);
  });

  it('NamespaceLifecycle runs as a plugin: a create in a missing namespace is 404 for the namespace', async () => {
    const r = await kubectl(kapi.url, ['create', 'configmap', 'x', '-n', 'nowhere', '--from-literal=a=b']);
    expect(r.stderr).to.include('namespaces "nowhere" not found');
  });
});

describe('admission flags: --disable-admission-plugins and --enable-admission-plugins', function () {
  this.timeout(120_000);
  let kapi: KapiProcess | undefined;
  afterEach(async () => {
    await kapi?.stop();
    kapi = undefined;
  });

  it('a disabled plugin does not run: no label, the forbidden key stored, and a missing namespace no longer checked', async () => {
    kapi = await startKapi(['--storage-backend', 'memory', '--plugin', guard, '--disable-admission-plugins', 'ConfigMapGuard,NamespaceLifecycle']);
    await kubectlOk(kapi.url, ['create', 'configmap', 'free', '-n', 'default', '--from-literal=password=p']);
    const { obj } = await getConfigMap(kapi.url, 'free');
    expect(obj?.metadata.labels ?? {}).to.not.have.property('guard.example.dev/created-by');
    expect(obj?.data).to.deep.equal({ password: 'p' });
    await kubectlOk(kapi.url, ['create', 'configmap', 'orphan', '-n', 'nowhere', '--from-literal=a=b']);
  });

  it("an unknown plugin name or one both enabled and disabled stops start-up with kube's messages", async () => {
    const unknown = await kapiMustFail(['--enable-admission-plugins', 'NoSuchPlugin']);
    expect(unknown.code).to.not.equal(0);
    expect(unknown.output).to.include('enable-admission-plugins plugin "NoSuchPlugin" is unknown');
    const both = await kapiMustFail(['--enable-admission-plugins', 'NamespaceLifecycle', '--disable-admission-plugins', 'NamespaceLifecycle']);
    expect(both.code).to.not.equal(0);
    expect(both.output).to.include('[NamespaceLifecycle] in enable-admission-plugins and disable-admission-plugins overlapped');
  });
});
