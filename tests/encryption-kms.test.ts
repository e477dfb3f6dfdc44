import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import protobuf from 'protobufjs';
import { EmbeddedKV } from '@kapi/storage-embedded';
import { EtcdKV, startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { eventually } from './support/eventually';
import { startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';
import { ensureKubeEncryption, kubeTransform } from './support/kube-encryption';
import { startTestKMSPlugin, startTestKMSv1Plugin, type TestKMSPlugin, type TestKMSv1Plugin } from './support/kms-plugin';

/**
 * KMS v2 end to end: a test plugin on a unix socket, Secrets stored as `k8s:enc:kms:v2:<name>:` +
 * EncryptedObject, one Encrypt call for many writes (the seed is reused), values readable by
 * kube-apiserver's own code talking to the same plugin, and rotation when the plugin's key ID changes.
 */

// The EncryptedObject message as the test reads it, independently of kapi's codec.
const EncryptedObject = protobuf.Root.fromJSON({
  nested: {
    EncryptedObject: {
      fields: {
        encryptedData: { type: 'bytes', id: 1 },
        keyID: { type: 'string', id: 2 },
        encryptedDEKSource: { type: 'bytes', id: 3 },
        annotations: { keyType: 'string', type: 'bytes', id: 4 } as protobuf.IMapField,
        encryptedDEKSourceType: { type: 'int32', id: 5 },
      },
    },
  },
}).lookupType('EncryptedObject');

const prefix = 'k8s:enc:kms:v2:kms1:';

function envelope(raw: Buffer): { keyID: string; encryptedDEKSourceType: number; encryptedDEKSource: Buffer } {
  expect(raw.subarray(0, prefix.length).toString()).to.equal(prefix);
  return EncryptedObject.toObject(EncryptedObject.decode(raw.subarray(prefix.length)), { defaults: true }) as never;
}

interface Backend {
  args(): string[];
  read(key: string): Promise<Buffer>;
  write(key: string, value: Buffer): Promise<void>;
  stopped: boolean;
  cleanup(): Promise<void>;
}

const backends: [string, () => Promise<Backend>][] = [
  [
    'embedded',
    async () => {
      const { dir, cleanup } = tempDir('kapi-kms-embedded-');
      return {
        stopped: true,
        args: () => ['--storage-backend', 'embedded', '--data-dir', dir],
        async read(key) {
          const kv = new EmbeddedKV({ dataDir: dir });
          try {
            return (await kv.get(key)).kv!.value;
          } finally {
            await kv.close();
          }
        },
        async write(key, value) {
          const kv = new EmbeddedKV({ dataDir: dir });
          try {
            expect((await kv.create(key, value)).succeeded).to.equal(true);
          } finally {
            await kv.close();
          }
        },
        cleanup: async () => cleanup(),
      };
    },
  ],
  [
    'etcd3',
    async () => {
      const etcd: EtcdProcess = await startEtcd();
      return {
        stopped: false,
        args: () => ['--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint],
        async read(key) {
          const out = JSON.parse(execFileSync('etcdctl', ['--endpoints', etcd.endpoint, 'get', key, '-w', 'json'], { encoding: 'utf8' }));
          return Buffer.from(out.kvs[0].value, 'base64');
        },
        async write(key, value) {
          const kv = new EtcdKV({ servers: [etcd.endpoint] });
          try {
            expect((await kv.create(key, value)).succeeded).to.equal(true);
          } finally {
            await kv.close();
          }
        },
        cleanup: () => etcd.stop(),
      };
    },
  ],
];

for (const [name, newBackend] of backends) {
  describe(`KMS v2 encryption on ${name}`, function () {
    this.timeout(600_000);
    let backend: Backend;
    let plugin: TestKMSPlugin;
    let kapi: KapiProcess | undefined;
    const { dir, cleanup } = tempDir('kapi-kms-');
    const file = path.join(dir, 'encryption.yaml');
    const start = async () => {
      kapi = await startKapi([...backend.args(), '--encryption-provider-config', file]);
    };
    // The embedded data dir is locked while kapi runs; etcd is read live.
    const raw = async (key: string) => {
      if (backend.stopped) await kapi?.stop();
      const value = await backend.read(key);
      if (backend.stopped) await start();
      return value;
    };

    before(async () => {
      ensureKubeEncryption();
      backend = await newBackend();
      plugin = await startTestKMSPlugin(dir);
      writeFileSync(
        file,
        JSON.stringify({
          apiVersion: 'apiserver.config.k8s.io/v1',
          kind: 'EncryptionConfiguration',
          resources: [{ resources: ['secrets'], providers: [{ kms: { apiVersion: 'v2', name: 'kms1', endpoint: plugin.endpoint, timeout: '3s' } }, { identity: {} }] }],
        }),
      );
      await start();
    });
    after(async () => {
      await kapi?.stop();
      await plugin?.stop();
      await backend?.cleanup();
      cleanup();
    });

    it('stores Secrets as a KMS v2 envelope, one Encrypt for many writes, that kube-apiserver decrypts', async () => {
      for (const n of [1, 2, 3]) await kubectlOk(kapi!.url, ['create', 'secret', 'generic', `k${n}`, `--from-literal=password=kms-plain-${n}`]);
      expect(plugin.calls.encrypt).to.equal(1);
      for (const n of [1, 2, 3]) {
        const served = await kubectlOk(kapi!.url, ['get', 'secret', `k${n}`, '-o', 'jsonpath={.data.password}']);
        expect(Buffer.from(served, 'base64').toString()).to.equal(`kms-plain-${n}`);
      }
      const value = await raw('/registry/secrets/default/k1');
      expect(value.includes(Buffer.from('kms-plain-1'))).to.equal(false);
      const o = envelope(value);
      expect(o).to.include({ keyID: 'key-1', encryptedDEKSourceType: 1 });
      const decrypted = JSON.parse((await kubeTransform({ config: file, group: '', resource: 'secrets', key: '/registry/secrets/default/k1' }, 'decrypt', value)).toString());
      expect(Buffer.from(decrypted.data.password, 'base64').toString()).to.equal('kms-plain-1');
    });

    it('serves a Secret that kube-apiserver sealed through the same plugin', async () => {
      const key = '/registry/secrets/default/kube-kms';
      const secret = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'kube-kms', namespace: 'default', uid: '5b2f0c7e-8d0a-4c61-9a3e-2f1d7c9b4e11', creationTimestamp: '2026-12-03T10:00:00Z' },
        data: { password: Buffer.from('sealed-by-kube').toString('base64') },
      };
      const value = await kubeTransform({ config: file, group: '', resource: 'secrets', key }, 'encrypt', Buffer.from(JSON.stringify(secret)));
      expect(envelope(value).encryptedDEKSourceType).to.equal(1);
      if (backend.stopped) await kapi?.stop();
      await backend.write(key, value);
      if (backend.stopped) await start();
      const served = await kubectlOk(kapi!.url, ['get', 'secret', 'kube-kms', '-o', 'jsonpath={.data.password}']);
      expect(Buffer.from(served, 'base64').toString()).to.equal('sealed-by-kube');
    });

    it("rotates the seed when the plugin's key ID changes, and a replace moves every Secret to it", async () => {
      plugin.keyID = 'key-2';
      // The health check probes the plugin's Status, as kube's does; a new key ID means a new seed.
      expect(await kubectlOk(kapi!.url, ['get', '--raw', '/healthz/kms-provider-0'])).to.equal('ok');
      const all = await kubectlOk(kapi!.url, ['get', 'secrets', '-A', '-o', 'json']);
      await kubectlOk(kapi!.url, ['replace', '-f', '-'], { input: all });
      for (const name of ['k1', 'k2', 'k3', 'kube-kms']) expect(envelope(await raw(`/registry/secrets/default/${name}`)).keyID).to.equal('key-2');
    });

    it('reports an unhealthy plugin on /healthz/kms-provider-0 and /readyz', async () => {
      plugin.healthz = 'broken';
      try {
        const res = await kubectl(kapi!.url, ['get', '--raw', '/healthz/kms-provider-0']);
        expect(res.code).to.not.equal(0);
        const ready = await kubectl(kapi!.url, ['get', '--raw', '/readyz?verbose']);
        expect(ready.stdout + ready.stderr).to.include('kms-provider-0');
      } finally {
        plugin.healthz = 'ok';
      }
    });
  });
}

for (const [name, newBackend] of backends) {
  describe(`KMS v1 (deprecated) encryption on ${name}`, function () {
    this.timeout(600_000);
    let backend: Backend;
    let plugin: TestKMSv1Plugin;
    let kapi: KapiProcess | undefined;
    const { dir, cleanup } = tempDir('kapi-kmsv1-');
    const file = path.join(dir, 'encryption.yaml');
    const v1Prefix = 'k8s:enc:kms:v1:kmsv1:';
    const start = async () => {
      kapi = await startKapi([...backend.args(), '--encryption-provider-config', file]);
    };
    const raw = async (key: string) => {
      if (backend.stopped) await kapi?.stop();
      const value = await backend.read(key);
      if (backend.stopped) await start();
      return value;
    };

    before(async () => {
      ensureKubeEncryption();
      backend = await newBackend();
      plugin = await startTestKMSv1Plugin(dir);
      // apiVersion left out: v1 is the KMSConfiguration default.
      writeFileSync(
        file,
        JSON.stringify({
          apiVersion: 'apiserver.config.k8s.io/v1',
          kind: 'EncryptionConfiguration',
          resources: [{ resources: ['secrets'], providers: [{ kms: { name: 'kmsv1', endpoint: plugin.endpoint, cachesize: 10, timeout: '3s' } }, { identity: {} }] }],
        }),
      );
      await start();
    });
    after(async () => {
      await kapi?.stop();
      await plugin?.stop();
      await backend?.cleanup();
      cleanup();
    });

    it("logs kube's deprecation warning and stores each Secret under its own DEK, in the layout kube-apiserver decrypts", async () => {
      expect(kapi!.output()).to.include('KMSv1 is deprecated and will only receive security updates going forward. Use KMSv2 instead.');
      const before = plugin.calls.encrypt;
      for (const n of [1, 2]) await kubectlOk(kapi!.url, ['create', 'secret', 'generic', `v1-${n}`, `--from-literal=password=kmsv1-plain-${n}`]);
      // A DEK per write: unlike v2, every write asks the plugin.
      expect(plugin.calls.encrypt - before).to.equal(2);
      expect(plugin.calls.version).to.equal(1);
      const value = await raw('/registry/secrets/default/v1-1');
      expect(value.subarray(0, v1Prefix.length).toString()).to.equal(v1Prefix);
      expect(value.includes(Buffer.from('kmsv1-plain-1'))).to.equal(false);
      // uint16 big-endian length ‖ encrypted DEK (the test plugin's nonce 12 ‖ 32 ‖ tag 16) ‖ AES-GCM box.
      const body = value.subarray(v1Prefix.length);
      expect(body.readUInt16BE(0)).to.equal(12 + 32 + 16);
      const decrypted = JSON.parse((await kubeTransform({ config: file, group: '', resource: 'secrets', key: '/registry/secrets/default/v1-1' }, 'decrypt', value)).toString());
      expect(Buffer.from(decrypted.data.password, 'base64').toString()).to.equal('kmsv1-plain-1');
      const served = await kubectlOk(kapi!.url, ['get', 'secret', 'v1-2', '-o', 'jsonpath={.data.password}']);
      expect(Buffer.from(served, 'base64').toString()).to.equal('kmsv1-plain-2');
    });

    it('serves a Secret that kube-apiserver sealed with KMS v1 through the same plugin', async () => {
      const key = '/registry/secrets/default/kube-kmsv1';
      const secret = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'kube-kmsv1', namespace: 'default', uid: '0d7d3f55-2a8e-4f0b-9a49-6c1c3c8f7a21', creationTimestamp: '2026-12-03T10:00:00Z' },
        data: { password: Buffer.from('v1-by-kube').toString('base64') },
      };
      const value = await kubeTransform({ config: file, group: '', resource: 'secrets', key }, 'encrypt', Buffer.from(JSON.stringify(secret)));
      expect(value.subarray(0, v1Prefix.length).toString()).to.equal(v1Prefix);
      if (backend.stopped) await kapi?.stop();
      await backend.write(key, value);
      if (backend.stopped) await start();
      const served = await kubectlOk(kapi!.url, ['get', 'secret', 'kube-kmsv1', '-o', 'jsonpath={.data.password}']);
      expect(Buffer.from(served, 'base64').toString()).to.equal('v1-by-kube');
    });

    // The probe and the failure path do not depend on the backend: once is enough (it waits out kube's 20 s positive TTL).
    (name === 'etcd3' ? it : it.skip)('probes with Encrypt and Decrypt on /healthz/kms-provider-0; a failing plugin fails Secret writes with its error, nothing else', async () => {
      expect(await kubectlOk(kapi!.url, ['get', '--raw', '/healthz/kms-provider-0'])).to.equal('ok');
      plugin.failing = true;
      try {
        // The last good answer is reused for 20s (kube's positive TTL); a write asks the plugin at once.
        const refused = await kubectl(kapi!.url, ['create', 'secret', 'generic', 'v1-down', '--from-literal=k=v']);
        expect(refused.code).to.not.equal(0);
        expect(refused.stderr).to.include('Internal error occurred: rpc error: code = Unavailable desc = kms is down');
        await kubectlOk(kapi!.url, ['create', 'configmap', 'v1-unaffected', '--from-literal=k=v']);
        await eventually(
          async () => {
            const res = await kubectl(kapi!.url, ['get', '--raw', '/healthz/kms-provider-0']);
            expect(res.code).to.not.equal(0);
          },
          30_000,
          1000,
        );
      } finally {
        plugin.failing = false;
      }
      expect((await kubectl(kapi!.url, ['get', 'secret', 'v1-down'])).code).to.not.equal(0);
    });
  });
}

describe("KMS v2 write expiry (kube's 3-minute DEK source TTL, shortened)", function () {
  this.timeout(120_000);
  const { dir, cleanup } = tempDir('kapi-kms-expiry-');
  let plugin: TestKMSPlugin;
  let kapi: KapiProcess | undefined;
  after(async () => {
    await kapi?.stop();
    await plugin?.stop();
    cleanup();
  });

  it('coasts on the last seed while the plugin fails, refuses writes once it expired (reads go on), and writes again when the plugin recovers', async () => {
    const file = path.join(dir, 'encryption.yaml');
    plugin = await startTestKMSPlugin(dir);
    writeFileSync(
      file,
      JSON.stringify({
        apiVersion: 'apiserver.config.k8s.io/v1',
        kind: 'EncryptionConfiguration',
        resources: [{ resources: ['secrets'], providers: [{ kms: { apiVersion: 'v2', name: 'kms1', endpoint: plugin.endpoint, timeout: '1s' } }] }],
      }),
    );
    // 3 s instead of 3 min; the probe loop then runs each second.
    kapi = await startKapi(['--storage-backend', 'memory', '--encryption-provider-config', file], 30_000, { env: { KAPI_KMSV2_WRITE_DEK_SOURCE_MAX_TTL_MS: '3000' } });
    await kubectlOk(kapi.url, ['create', 'secret', 'generic', 'e1', '--from-literal=k=before']);
    // Healthy and idle for longer than the TTL: the probes keep the seed writable.
    await new Promise((r) => setTimeout(r, 4000));
    await kubectlOk(kapi.url, ['create', 'secret', 'generic', 'e2', '--from-literal=k=healthy']);
    plugin.healthz = 'broken';
    await kubectlOk(kapi.url, ['create', 'secret', 'generic', 'e3', '--from-literal=k=coasting']);
    await new Promise((r) => setTimeout(r, 4500));
    const refused = await kubectl(kapi.url, ['create', 'secret', 'generic', 'e4', '--from-literal=k=expired']);
    expect(refused.code).to.not.equal(0);
    const keyHash = createHash('sha256').update('key-1').digest('hex');
    expect(refused.stderr).to.match(
      new RegExp(
        `Internal error occurred: encryptedDEKSource with keyID hash "sha256:${keyHash}" expired at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(current time is \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)`,
      ),
    );
    const served = await kubectlOk(kapi.url, ['get', 'secret', 'e3', '-o', 'jsonpath={.data.k}']);
    expect(Buffer.from(served, 'base64').toString()).to.equal('coasting');
    plugin.healthz = 'ok';
    await eventually(
      async () => {
        const r = await kubectl(kapi!.url, ['create', 'secret', 'generic', 'e4', '--from-literal=k=recovered']);
        expect(r.code, r.stderr).to.equal(0);
      },
      30_000,
      500,
    );
    // The key ID never changed, so the seed did not either: one Encrypt in all.
    expect(plugin.calls.encrypt).to.equal(1);
  });
});

describe('KMS v2 encryption on memory', function () {
  this.timeout(120_000);
  const { dir, cleanup } = tempDir('kapi-kms-memory-');
  let plugin: TestKMSPlugin;
  let kapi: KapiProcess | undefined;
  after(async () => {
    await kapi?.stop();
    await plugin?.stop();
    cleanup();
  });

  it('seals Secrets on the memory backend too: without the plugin only Secret writes fail, and they work once it is up', async () => {
    const file = path.join(dir, 'encryption.yaml');
    writeFileSync(
      file,
      JSON.stringify({
        apiVersion: 'apiserver.config.k8s.io/v1',
        kind: 'EncryptionConfiguration',
        resources: [{ resources: ['secrets'], providers: [{ kms: { apiVersion: 'v2', name: 'kms1', endpoint: `unix://${path.join(dir, 'kms.sock')}`, timeout: '1s' } }] }],
      }),
    );
    // The plugin is not there yet: no seed can be made.
    kapi = await startKapi(['--storage-backend', 'memory', '--encryption-provider-config', file]);
    await kubectlOk(kapi.url, ['create', 'configmap', 'plain', '--from-literal=k=v']);
    const refused = await kubectl(kapi.url, ['create', 'secret', 'generic', 'm1', '--from-literal=k=memory-secret']);
    expect(refused.code).to.not.equal(0);
    expect(refused.stderr).to.include(
      'Internal error occurred: failed to perform status section of the healthz check for KMS Provider kms1, error: rpc error: code = Unavailable desc = ',
    );
    plugin = await startTestKMSPlugin(dir);
    await eventually(
      async () => {
        const r = await kubectl(kapi!.url, ['create', 'secret', 'generic', 'm1', '--from-literal=k=memory-secret']);
        expect(r.code, r.stderr).to.equal(0);
      },
      30_000,
      500,
    );
    expect(plugin.calls.encrypt).to.equal(1);
    const served = await kubectlOk(kapi.url, ['get', 'secret', 'm1', '-o', 'jsonpath={.data.k}']);
    expect(Buffer.from(served, 'base64').toString()).to.equal('memory-secret');
  });
});
