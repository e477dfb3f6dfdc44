import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { createTestServer } from './support/create-test-server';
import { kubectl, kubectlOk } from './support/kubectl';

const template = (app: string) => `
  selector:
    matchLabels: {app: ${app}}
  template:
    metadata:
      labels: {app: ${app}}
    spec:
      containers:
      - name: ${app}
        image: registry.k8s.io/${app}:1.0`;

const manifests = [
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 2${template('db')}\n  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 1Gi`,
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:${template('agent')}\n      nodeSelector: {kubernetes.io/os: linux}`,
  `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: front\nspec:\n  replicas: 3${template('front')}`,
].join('\n---\n');

/** A revision owned by the StatefulSet: its real uid, or the garbage collector deletes it as a dangling dependent. */
const revision = (ownerUID: string) =>
  `apiVersion: apps/v1\nkind: ControllerRevision\nmetadata:\n  name: db-7c9d\n  ownerReferences:\n  - {apiVersion: apps/v1, kind: StatefulSet, name: db, uid: ${ownerUID}, controller: true}\ndata:\n  spec:\n    template:\n      metadata:\n        labels: {app: db}\nrevision: 1`;

/** Every apps/v1 resource through kubectl: apply, the printed columns, scale, status and immutable fields. */
describe('apps/v1 through kubectl against an in-process server', function () {
  this.timeout(60_000);
  let server: KapiServer;
  before(async () => {
    server = await createTestServer();
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: manifests });
    const uid = await kubectlOk(server.url, ['get', 'statefulset', 'db', '-o', 'jsonpath={.metadata.uid}']);
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: revision(uid) });
  });
  after(() => server.close());

  const row = async (args: string[]) => (await kubectlOk(server.url, ['get', ...args, '--no-headers'])).trim().split(/\s+/);

  it("prints each kind with kube-apiserver's columns", async () => {
    expect((await row(['sts', 'db'])).slice(0, 2)).to.deep.equal(['db', '0/2']);
    expect((await row(['ds', 'agent'])).slice(0, 7)).to.deep.equal(['agent', '0', '0', '0', '0', '0', 'kubernetes.io/os=linux']);
    expect((await row(['rs', 'front'])).slice(0, 4)).to.deep.equal(['front', '3', '0', '0']);
    expect((await row(['controllerrevisions', 'db-7c9d'])).slice(0, 3)).to.deep.equal(['db-7c9d', 'statefulset.apps/db', '1']);
    const all = await kubectlOk(server.url, ['get', 'all', '-o', 'name']);
    for (const name of ['statefulset.apps/db', 'daemonset.apps/agent', 'replicaset.apps/front']) expect(all).to.include(name);
  });

  it('stores the defaults a real cluster returns', async () => {
    const sts = JSON.parse(await kubectlOk(server.url, ['get', 'sts', 'db', '-o', 'json']));
    expect(sts.spec).to.deep.include({
      podManagementPolicy: 'OrderedReady',
      revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
    expect(sts.spec.volumeClaimTemplates[0].spec.volumeMode).to.equal('Filesystem');
    const ds = JSON.parse(await kubectlOk(server.url, ['get', 'ds', 'agent', '-o', 'json']));
    expect(ds.spec.updateStrategy).to.deep.equal({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.spec.template.spec).to.include({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' });
    const cr = JSON.parse(await kubectlOk(server.url, ['get', 'controllerrevision', 'db-7c9d', '-o', 'json']));
    expect(cr.data).to.deep.equal({ spec: { template: { metadata: { labels: { app: 'db' } } } } });
  });

  it('scales statefulsets and replicasets through /scale; refuses daemonsets, which have none', async () => {
    await kubectlOk(server.url, ['scale', 'sts', 'db', '--replicas=5']);
    await kubectlOk(server.url, ['scale', 'rs', 'front', '--replicas=0']);
    expect((await row(['sts', 'db'])).slice(0, 2)).to.deep.equal(['db', '0/5']);
    expect((await row(['rs', 'front'])).slice(0, 2)).to.deep.equal(['front', '0']);
    const ds = await kubectl(server.url, ['scale', 'ds', 'agent', '--replicas=2']);
    expect(ds.code).to.not.equal(0);
    const stale = await kubectl(server.url, ['scale', 'sts', 'db', '--replicas=1', '--resource-version=1']);
    // kubectl compares the precondition with the Scale's resourceVersion, which is the parent's.
    expect(stale.stderr).to.match(/Expected resource version to be 1, was \d+/);
  });

  it('status subresources change status only; the main resource ignores status', async () => {
    await kubectlOk(server.url, ['patch', 'rs', 'front', '--subresource=status', '--type=merge', '-p', '{"status":{"replicas":2,"readyReplicas":1},"spec":{"replicas":7}}']);
    await kubectlOk(server.url, ['patch', 'rs', 'front', '--type=merge', '-p', '{"status":{"replicas":9}}']);
    const rs = JSON.parse(await kubectlOk(server.url, ['get', 'rs', 'front', '-o', 'json']));
    expect(rs.status).to.deep.equal({ replicas: 2, readyReplicas: 1 });
    expect(rs.spec.replicas).to.equal(0);
    const bad = await kubectl(server.url, ['patch', 'ds', 'agent', '--subresource=status', '--type=merge', '-p', '{"status":{"numberReady":-1}}']);
    expect(bad.stderr).to.include('status.numberReady: Invalid value: -1: must be greater than or equal to 0');
  });

  it('refuses selector changes and forbidden statefulset updates; strategic merge patch merges containers by name', async () => {
    const sel = await kubectl(server.url, [
      'patch',
      'rs',
      'front',
      '--type=merge',
      '-p',
      '{"spec":{"selector":{"matchLabels":{"app":"front","x":"y"}},"template":{"metadata":{"labels":{"x":"y"}}}}}',
    ]);
    expect(sel.stderr).to.include('spec.selector: Invalid value');
    expect(sel.stderr).to.include('field is immutable');
    const svc = await kubectl(server.url, ['patch', 'sts', 'db', '--type=merge', '-p', '{"spec":{"serviceName":"other"}}']);
    expect(svc.stderr).to.include("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy'");
    await kubectlOk(server.url, ['patch', 'ds', 'agent', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"agent","image":"registry.k8s.io/agent:2.0"}]}}}}']);
    const ds = JSON.parse(await kubectlOk(server.url, ['get', 'ds', 'agent', '-o', 'json']));
    expect(ds.spec.template.spec.containers).to.have.length(1);
    expect(ds.spec.template.spec.containers[0]).to.include({ image: 'registry.k8s.io/agent:2.0', terminationMessagePolicy: 'File' });
    expect(ds.metadata.generation).to.equal(2);
  });
});
