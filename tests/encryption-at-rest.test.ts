import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { EmbeddedKV } from '@kapi/storage-embedded';
import { EtcdKV, startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';
import { ensureKubeEncryption, kubeTransform } from './support/kube-encryption';

/**
 * Encryption at rest end to end (kube's "Encrypting Confidential Data at Rest" task): Secrets
 * written through kapi are ciphertext in etcd and in the embedded data dir, readable through kapi,
 * decrypted by kube-apiserver's own code with the same file, and values kube's code encrypted are
 * served by kapi. Runs on both durable backends.
 */

const key1 = Buffer.alloc(32, 1).toString('base64');
const key2 = Buffer.alloc(32, 2).toString('base64');
const plaintext = 'plaintext-password-7f3a';
const configMapText = 'configmap-note-visible-9c1d';

function encryptionConfig(providers: object[], resources = ['secrets']): string {
  return JSON.stringify({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration', resources: [{ resources, providers }] });
}

const gcm = { aesgcm: { keys: [{ name: 'g1', secret: Buffer.alloc(16, 3).toString('base64') }] } };
const aescbc = (...keys: [string, string][]) => ({ aescbc: { keys: keys.map(([name, secret]) => ({ name, secret })) } });

/** Raw access to what a backend holds under a key, as an operator with etcdctl or the data dir would see it. */
interface RawStore {
  args(): string[];
  /** Raw value of a key (undefined when absent). */
  read(key: string): Promise<Buffer | undefined>;
  /** Writes a raw value under a new key, as kube-apiserver would have. */
  write(key: string, value: Buffer): Promise<void>;
  remove(key: string): Promise<void>;
  /** True when no file of the store contains the text (embedded: the data dir; etcd: the member's dir). */
  filesContain(text: string): boolean;
  cleanup(): Promise<void>;
}

function filesContain(dir: string, text: string): boolean {
  const needle = Buffer.from(text);
  const walk = (d: string): boolean =>
    readdirSync(d).some((name) => {
      const p = path.join(d, name);
      return statSync(p).isDirectory() ? walk(p) : readFileSync(p).includes(needle);
    });
  return walk(dir);
}

async function embeddedStore(): Promise<RawStore> {
  const { dir, cleanup } = tempDir('kapi-enc-embedded-');
  const dataDir = path.join(dir, 'data');
  const open = async <T>(fn: (kv: EmbeddedKV) => Promise<T>): Promise<T> => {
    const kv = new EmbeddedKV({ dataDir });
    try {
      return await fn(kv);
    } finally {
      await kv.close();
    }
  };
  return {
    args: () => ['--storage-backend', 'embedded', '--data-dir', dataDir],
    // The data dir is locked while kapi runs: these are called with the server stopped.
    read: (key) => open(async (kv) => (await kv.get(key)).kv?.value),
    write: (key, value) =>
      open(async (kv) => {
        expect((await kv.create(key, value)).succeeded).to.equal(true);
      }),
    remove: (key) =>
      open(async (kv) => {
        const { kv: current } = await kv.get(key);
        expect((await kv.delete(key, current!.modRevision)).succeeded).to.equal(true);
      }),
    filesContain: (text) => filesContain(dataDir, text),
    cleanup: async () => cleanup(),
  };
}

async function etcdStore(): Promise<RawStore> {
  const etcd: EtcdProcess = await startEtcd();
  return {
    args: () => ['--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint],
    async read(key) {
      const out = JSON.parse(execFileSync('etcdctl', ['--endpoints', etcd.endpoint, 'get', key, '-w', 'json'], { encoding: 'utf8' }));
      const kv = out.kvs?.[0];
      return kv ? Buffer.from(kv.value, 'base64') : undefined;
    },
    async write(key, value) {
      const kv = new EtcdKV({ servers: [etcd.endpoint] });
      try {
        expect((await kv.create(key, value)).succeeded).to.equal(true);
      } finally {
        await kv.close();
      }
    },
    async remove(key) {
      execFileSync('etcdctl', ['--endpoints', etcd.endpoint, 'del', key]);
    },
    filesContain: (text) => filesContain(etcd.dataDir, text),
    cleanup: () => etcd.stop(),
  };
}

const backends: [string, () => Promise<RawStore>][] = [
  ['embedded', embeddedStore],
  ['etcd3', etcdStore],
];

for (const [name, newStore] of backends) {
  describe(`encryption at rest on ${name}`, function () {
    this.timeout(600_000);
    let store: RawStore;
    let kapi: KapiProcess | undefined;
    const { dir, cleanup } = tempDir('kapi-enc-config-');
    const configFile = path.join(dir, 'encryption.yaml');
    const restart = async () => {
      await kapi?.stop();
      kapi = await startKapi([...store.args(), '--encryption-provider-config', configFile]);
    };
    const stop = async () => {
      await kapi?.stop();
      kapi = undefined;
    };

    before(async () => {
      ensureKubeEncryption();
      store = await newStore();
    });
    after(async () => {
      await stop();
      await store?.cleanup();
      cleanup();
    });

    it('stores a Secret as k8s:enc:aescbc:v1:<key>: ciphertext that kube-apiserver decrypts, and serves it in clear', async () => {
      writeFileSync(configFile, encryptionConfig([aescbc(['key1', key1]), { identity: {} }]));
      await restart();
      await kubectlOk(kapi!.url, ['create', 'secret', 'generic', 's1', `--from-literal=password=${plaintext}`]);
      await kubectlOk(kapi!.url, ['create', 'configmap', 'c1', `--from-literal=note=${configMapText}`]);
      const served = await kubectlOk(kapi!.url, ['get', 'secret', 's1', '-o', 'jsonpath={.data.password}']);
      expect(Buffer.from(served, 'base64').toString()).to.equal(plaintext);
      await stop();

      const raw = (await store.read('/registry/secrets/default/s1'))!;
      expect(raw.subarray(0, 23).toString()).to.equal('k8s:enc:aescbc:v1:key1:');
      expect(raw.includes(Buffer.from(plaintext))).to.equal(false);
      expect(raw.includes(Buffer.from(Buffer.from(plaintext).toString('base64')))).to.equal(false);
      // A resource the config does not name stays plain, as in kube.
      expect((await store.read('/registry/configmaps/default/c1'))!.toString()).to.include(configMapText);

      const decrypted = JSON.parse((await kubeTransform({ config: configFile, group: '', resource: 'secrets', key: '/registry/secrets/default/s1' }, 'decrypt', raw)).toString());
      expect(decrypted.metadata.name).to.equal('s1');
      expect(Buffer.from(decrypted.data.password, 'base64').toString()).to.equal(plaintext);
    });

    it('serves a Secret that kube-apiserver encrypted (aesgcm, bound to its key)', async () => {
      writeFileSync(configFile, encryptionConfig([gcm, aescbc(['key1', key1])]));
      const key = '/registry/secrets/default/from-kube';
      const secret = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'from-kube', namespace: 'default', uid: 'b0d7c9a4-1f7e-4a55-9b43-0c1e8e6c2f10', creationTimestamp: '2026-12-03T10:00:00Z' },
        type: 'Opaque',
        data: { password: Buffer.from(plaintext).toString('base64') },
      };
      const raw = await kubeTransform({ config: configFile, group: '', resource: 'secrets', key }, 'encrypt', Buffer.from(JSON.stringify(secret)));
      expect(raw.subarray(0, 21).toString()).to.equal('k8s:enc:aesgcm:v1:g1:');
      await store.write(key, raw);
      // The same ciphertext under another name must not decrypt: the storage key is the AEAD's additional data.
      await store.write('/registry/secrets/default/moved', raw);
      await restart();
      const served = await kubectlOk(kapi!.url, ['get', 'secret', 'from-kube', '-o', 'jsonpath={.data.password}']);
      expect(Buffer.from(served, 'base64').toString()).to.equal(plaintext);
      // s1 from the first test is still aescbc/key1, readable by the second provider.
      expect(await kubectlOk(kapi!.url, ['get', 'secret', 's1', '-o', 'name'])).to.equal('secret/s1\n');
      const moved = await kubectl(kapi!.url, ['get', 'secret', 'moved']);
      expect(moved.code).to.not.equal(0);
      expect(moved.stderr).to.include('Internal error occurred');
      // kube cannot delete a value it cannot decrypt either (short of the alpha unsafe-delete); the operator removes it.
      await stop();
      await store.remove('/registry/secrets/default/moved');
    });

    it('rotates keys: new key first, kubectl replace rewrites every Secret, old key removed', async () => {
      // Two providers share the aescbc prefix: a failed key under the first must not stop the second.
      writeFileSync(configFile, encryptionConfig([aescbc(['key2', key2]), aescbc(['key1', key1]), gcm, { identity: {} }]));
      await restart();
      const before = await kubectlOk(kapi!.url, ['get', 'secret', 's1', '-o', 'jsonpath={.metadata.resourceVersion}']);
      const all = await kubectlOk(kapi!.url, ['get', 'secrets', '-A', '-o', 'json']);
      await kubectlOk(kapi!.url, ['replace', '-f', '-'], { input: all });
      // An unchanged object read through a non-first provider is stale: replace writes it anew.
      const after = await kubectlOk(kapi!.url, ['get', 'secret', 's1', '-o', 'jsonpath={.metadata.resourceVersion}']);
      expect(Number(after)).to.be.greaterThan(Number(before));
      await stop();
      for (const name of ['s1', 'from-kube']) {
        expect((await store.read(`/registry/secrets/default/${name}`))!.subarray(0, 23).toString()).to.equal('k8s:enc:aescbc:v1:key2:');
      }

      writeFileSync(configFile, encryptionConfig([aescbc(['key2', key2])]));
      await restart();
      const served = await kubectlOk(kapi!.url, ['get', 'secret', 's1', '-o', 'jsonpath={.data.password}']);
      expect(Buffer.from(served, 'base64').toString()).to.equal(plaintext);
      await stop();
      expect(store.filesContain(plaintext)).to.equal(false, 'plaintext of the secret in the store files');
    });
  });
}
