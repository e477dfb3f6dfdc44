import { expect } from 'chai';
import type { Attributes, KObject, Store, J } from '@kapi/apiserver-core';
import { newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { LegacyRESTStorageProvider } from '@kapi/registry-core';
import { ServiceAccount, serviceAccountMountPath } from './admission';

const pod = (spec: J, annotations?: Record<string, string>): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', annotations },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});
const creating = (object: KObject, namespace = 'ns', subresource = ''): Attributes => ({
  name: object.metadata?.name ?? '',
  namespace,
  resource: { group: '', version: 'v1', resource: 'pods' },
  subresource,
  operation: 'CREATE',
  dryRun: false,
  object,
  kind: { group: '', version: 'v1', kind: 'Pod' },
});

describe('ServiceAccount admission', () => {
  let group: TestGroup;
  let accounts: Store;
  let plugin: ServiceAccount;
  beforeEach(async () => {
    group = await newTestGroup(new LegacyRESTStorageProvider());
    accounts = group.storage.v1.serviceaccounts as Store;
    // Three quick retries for `default` here; kube waits up to ten times 100–200 ms.
    plugin = new ServiceAccount({ attempts: 3, intervalMs: () => 20 });
    plugin.setStorageLookup((gr) => (gr.group === '' ? group.storage.v1[gr.resource] : undefined));
  });
  afterEach(() => group.destroy());

  const account = (name: string, extra: J = {}) =>
    accounts.create({ namespace: 'ns' }, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'ns' }, ...extra }, undefined, {});
  const admitted = async (p: KObject, namespace = 'ns') => {
    const a = creating(p, namespace);
    await plugin.admit({}, a);
    await plugin.validate({}, a);
    return a.object!.spec as J;
  };

  it('runs a pod without an account as `default` and mounts the projected token into every container', async () => {
    await account('default');
    const spec = await admitted(pod({ initContainers: [{ name: 'init', image: 'busybox' }] }));
    expect(spec).to.include({ serviceAccountName: 'default', serviceAccount: 'default' });
    expect(spec.volumes).to.have.length(1);
    const [volume] = spec.volumes;
    expect(volume.name).to.match(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume.projected).to.deep.equal({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    });
    for (const c of [...spec.initContainers, ...spec.containers]) {
      expect(c.volumeMounts).to.deep.equal([{ name: volume.name, readOnly: true, mountPath: serviceAccountMountPath }]);
    }
  });

  it("refuses a pod naming an account that does not exist, with kube's message", async () => {
    let err: J | undefined;
    await admitted(pod({ serviceAccountName: 'ghost' })).catch((e) => (err = e));
    expect(err?.code).to.equal(403);
    expect(err?.message).to.equal('pods "p" is forbidden: error looking up service account ns/ghost: serviceaccount "ghost" not found');
  });

  it('waits a moment for `default`, which the serviceaccounts controller creates just after the namespace', async () => {
    setTimeout(() => void account('default'), 30);
    expect((await admitted(pod({}))).serviceAccountName).to.equal('default');
    let err: J | undefined;
    await admitted(pod({}), 'other').catch((e) => (err = e));
    expect(err?.message).to.equal('pods "p" is forbidden: error looking up service account other/default: serviceaccount "default" not found');
  });

  it("honours automountServiceAccountToken: the pod's choice first, then the account's", async () => {
    await account('default', { automountServiceAccountToken: false });
    await account('robot');
    expect(await admitted(pod({}))).to.not.have.property('volumes');
    expect((await admitted(pod({ automountServiceAccountToken: true }))).volumes).to.have.length(1);
    expect(await admitted(pod({ serviceAccountName: 'robot', automountServiceAccountToken: false }))).to.not.have.property('volumes');
    expect((await admitted(pod({ serviceAccountName: 'robot' }))).volumes).to.have.length(1);
  });

  it('leaves a container that mounts something at the token path alone, and reuses a kube-api-access volume', async () => {
    await account('default');
    const spec = await admitted(
      pod({
        containers: [
          { name: 'own', image: 'x', volumeMounts: [{ name: 'mine', mountPath: serviceAccountMountPath }] },
          { name: 'plain', image: 'x' },
        ],
        volumes: [
          { name: 'mine', emptyDir: {} },
          { name: 'kube-api-access-abcde', projected: { sources: [] } },
        ],
      }),
    );
    expect(spec.containers[0].volumeMounts).to.deep.equal([{ name: 'mine', mountPath: serviceAccountMountPath }]);
    expect(spec.containers[1].volumeMounts).to.deep.equal([{ name: 'kube-api-access-abcde', readOnly: true, mountPath: serviceAccountMountPath }]);
    expect(spec.volumes.map((v: J) => v.name)).to.deep.equal(['mine', 'kube-api-access-abcde']);
  });

  it("gives a pod without image pull secrets its account's, and reads the deprecated serviceAccount field", async () => {
    await account('puller', { imagePullSecrets: [{ name: 'registry' }] });
    const spec = await admitted(pod({ serviceAccount: 'puller' }));
    expect(spec).to.include({ serviceAccountName: 'puller', serviceAccount: 'puller' });
    expect(spec.imagePullSecrets).to.deep.equal([{ name: 'registry' }]);
    expect((await admitted(pod({ serviceAccountName: 'puller', imagePullSecrets: [{ name: 'own' }] }))).imagePullSecrets).to.deep.equal([{ name: 'own' }]);
  });

  it('lets a mirror pod through untouched, but never with an account; ignores subresources and other operations', async () => {
    const mirror = { 'kubernetes.io/config.mirror': 'hash' };
    expect(await admitted(pod({}, mirror))).to.not.have.any.keys('serviceAccountName', 'volumes');
    let err: J | undefined;
    await admitted(pod({ serviceAccountName: 'default' }, mirror)).catch((e) => (err = e));
    expect(err?.message).to.equal('pods "p" is forbidden: a mirror pod may not reference service accounts');
    const binding = creating(pod({ serviceAccountName: 'ghost' }), 'ns', 'binding');
    await plugin.admit({}, binding);
    await plugin.validate({}, binding);
    expect([plugin.handles('CREATE'), plugin.handles('UPDATE'), plugin.handles('DELETE')]).to.deep.equal([true, false, false]);
  });
});

describe('ServiceAccount admission on malformed pods', () => {
  it('leaves a spec of the wrong shape to validation (no TypeError, no lookup)', async () => {
    const plugin = new ServiceAccount({ attempts: 1, intervalMs: () => 0 });
    for (const spec of ['x', 7, [], { containers: 'x' }, { containers: [{ name: 'c', volumeMounts: {} }] }, { serviceAccountName: 3 }, { volumes: {} }]) {
      const a = creating({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec } as unknown as KObject);
      await plugin.admit({}, a);
      await plugin.validate({}, a);
    }
  });
});
