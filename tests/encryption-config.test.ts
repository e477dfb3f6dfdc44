import { execFileSync } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { eventually } from './support/eventually';
import { repoRoot, startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { kubectlOk } from './support/kubectl';

/** Replaces a config file as an operator's tooling does (write, then rename): the reloader never sees it half written. */
function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}
import { ensureKubeEncryption, kubeTransform } from './support/kube-encryption';

/**
 * The EncryptionConfiguration file beyond one resource: `*.*` reaching a plugin's resources
 * (secretbox, checked with kube-apiserver's own code), start-up refusals with kube's messages,
 * and --encryption-provider-config-automatic-reload with its metrics and health check. etcd3,
 * so that etcdctl shows each value while the server runs.
 */

const s32 = (n: number) => Buffer.alloc(32, n).toString('base64');
const config = (rules: object[]) => JSON.stringify({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration', resources: rules });
const widgetYaml = path.join(repoRoot, 'examples/widgets/widget.yaml');

describe('encryption provider config', function () {
  this.timeout(600_000);
  let etcd: EtcdProcess;
  let kapi: KapiProcess | undefined;
  const { dir, cleanup } = tempDir('kapi-enc-config-');
  const file = path.join(dir, 'encryption.yaml');
  const raw = (key: string): Buffer => {
    const out = JSON.parse(execFileSync('etcdctl', ['--endpoints', etcd.endpoint, 'get', key, '-w', 'json'], { encoding: 'utf8' }));
    return Buffer.from(out.kvs[0].value, 'base64');
  };

  before(async () => {
    ensureKubeEncryption();
    etcd = await startEtcd();
  });
  afterEach(async () => {
    await kapi?.stop();
    kapi = undefined;
  });
  after(async () => {
    await etcd?.stop();
    cleanup();
  });

  it("*.* with secretbox encrypts every resource, a plugin group's too, as kube-apiserver reads it", async () => {
    writeFileSync(file, config([{ resources: ['*.*'], providers: [{ secretbox: { keys: [{ name: 'sb1', secret: s32(5) }] } }] }]));
    kapi = await startKapi([
      '--storage-backend',
      'etcd3',
      '--etcd-servers',
      etcd.endpoint,
      '--etcd-prefix',
      '/wild',
      '--plugin',
      '@kapi/example-widgets',
      '--encryption-provider-config',
      file,
    ]);
    await kubectlOk(kapi.url, ['apply', '-f', widgetYaml]);
    await kubectlOk(kapi.url, ['create', 'configmap', 'wild-cm', '--from-literal=k=visible-nowhere']);
    const widgetKey = '/wild/widgets.example.dev/widgets/default/blue-one';
    for (const [key, group, resource] of [
      [widgetKey, 'widgets.example.dev', 'widgets'],
      ['/wild/configmaps/default/wild-cm', '', 'configmaps'],
    ]) {
      const value = raw(key);
      expect(value.subarray(0, 25).toString()).to.equal('k8s:enc:secretbox:v1:sb1:');
      const decoded = JSON.parse((await kubeTransform({ config: file, group, resource, key }, 'decrypt', value)).toString());
      expect(decoded.metadata.namespace).to.equal('default');
    }
    expect(await kubectlOk(kapi.url, ['get', 'widget', 'blue-one', '-o', 'jsonpath={.spec.color}'])).to.equal('blue');
  });

  it("refuses to start on an invalid file, with kube-apiserver's message", async () => {
    writeAtomically(file, config([{ resources: ['secrets'], providers: [{ aesgcm: { keys: [{ name: 'k', secret: Buffer.alloc(10).toString('base64') }] } }] }]));
    const err = await startKapi(['--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint, '--encryption-provider-config', file]).then(
      (p) => {
        kapi = p;
        return undefined;
      },
      (e: Error) => e,
    );
    expect(err?.message).to.include(
      'error while parsing file: resources[0].providers[0].aesgcm.keys[0].secret: Invalid value: "REDACTED": secret is not of the expected length, got 10, expected one of [16 24 32]',
    );
    const usage = await startKapi(['--storage-backend', 'memory', '--encryption-provider-config-automatic-reload']).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(usage?.message).to.include('--encryption-provider-config-automatic-reload must be set with --encryption-provider-config');
  });

  it('reloads a changed file without a restart, keeps the running providers on a bad one, and reports both', async () => {
    const aescbc = config([{ resources: ['secrets'], providers: [{ aescbc: { keys: [{ name: 'c1', secret: s32(1) }] } }] }]);
    writeFileSync(file, aescbc);
    kapi = await startKapi(
      ['--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint, '--encryption-provider-config', file, '--encryption-provider-config-automatic-reload'],
      30_000,
      { env: { KAPI_ENCRYPTION_CONFIG_POLL_INTERVAL_MS: '300' } },
    );
    await kubectlOk(kapi.url, ['create', 'secret', 'generic', 'r1', '--from-literal=k=v']);
    expect(raw('/registry/secrets/default/r1').subarray(0, 21).toString()).to.equal('k8s:enc:aescbc:v1:c1:');
    expect(await kubectlOk(kapi.url, ['get', '--raw', '/healthz/kms-providers'])).to.equal('ok');
    expect(await kubectlOk(kapi.url, ['get', '--raw', '/readyz?verbose'])).to.include('[+]kms-providers ok');

    writeAtomically(
      file,
      config([{ resources: ['secrets'], providers: [{ aesgcm: { keys: [{ name: 'g1', secret: s32(2) }] } }, { aescbc: { keys: [{ name: 'c1', secret: s32(1) }] } }] }]),
    );
    // A good file is loaded once (its hash then matches); a bad one is retried on every poll while it stays, as kube's
    // controller requeues a failed reload, so its failure count is one or more by the time it is read.
    const metric = (status: string, count: RegExp) => async () => {
      const text = await kubectlOk(kapi!.url, ['get', '--raw', '/metrics']);
      const line = text.split('\n').find((l) => l.startsWith(`apiserver_encryption_config_controller_automatic_reloads_total{status="${status}"`));
      expect(line, `reloads_total{status="${status}"}`).to.match(count);
      expect(text).to.match(
        new RegExp(`apiserver_encryption_config_controller_automatic_reload_last_timestamp_seconds\\{status="${status}",apiserver_id_hash="sha256:[0-9a-f]{64}"\\} \\d`),
      );
    };
    await eventually(metric('success', / 1$/), 15_000, 300);
    await kubectlOk(kapi.url, ['create', 'secret', 'generic', 'r2', '--from-literal=k=v']);
    expect(raw('/registry/secrets/default/r2').subarray(0, 21).toString()).to.equal('k8s:enc:aesgcm:v1:g1:');
    expect(await kubectlOk(kapi.url, ['get', 'secret', 'r1', '-o', 'jsonpath={.data.k}'])).to.equal('dg==');

    writeAtomically(file, 'kind: EncryptionConfiguration\napiVersion: apiserver.config.k8s.io/v1\nresources: []\n');
    await eventually(metric('failure', / [1-9]\d*$/), 15_000, 300);
    await kubectlOk(kapi.url, ['create', 'secret', 'generic', 'r3', '--from-literal=k=v']);
    expect(raw('/registry/secrets/default/r3').subarray(0, 21).toString()).to.equal('k8s:enc:aesgcm:v1:g1:');
  });
});
