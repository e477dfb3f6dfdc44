import { expect } from 'chai';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';
import { eventually } from './support/eventually';

const widgetsView = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: widgets-view
  labels:
    rbac.authorization.k8s.io/aggregate-to-view: "true"
rules:
- apiGroups: ["example.com"]
  resources: ["widgets"]
  verbs: ["get", "list", "watch"]
`;

const reconcileManifest = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: default}
rules:
- apiGroups: [""]
  resources: ["pods", "configmaps"]
  verbs: ["get", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: readers, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
subjects:
- {kind: User, apiGroup: rbac.authorization.k8s.io, name: carol}
`;

/** rbac.authorization.k8s.io/v1 through the real kubectl against `kapi server`. */
describe('RBAC through kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  const k = (...args: string[]) => kubectlOk(kapi.url, args);
  before(async () => {
    kapi = await startKapi();
  });
  after(async () => {
    await kapi?.stop();
  });

  it('kubectl get clusterroles and clusterrolebindings show the bootstrap policy', async () => {
    const roles = await k('get', 'clusterroles', '--no-headers', '-o', 'custom-columns=NAME:.metadata.name');
    for (const name of [
      'cluster-admin',
      'admin',
      'edit',
      'view',
      'system:discovery',
      'system:basic-user',
      'system:public-info-viewer',
      'system:node',
      'system:controller:deployment-controller',
    ]) {
      expect(roles.split('\n')).to.include(name);
    }
    const header = (await k('get', 'clusterroles')).split('\n')[0];
    expect(header).to.match(/^NAME\s+CREATED AT$/);
    const wide = (await k('get', 'clusterrolebinding', 'cluster-admin', '-o', 'wide')).split('\n');
    expect(wide[0].split(/\s{2,}/)).to.deep.equal(['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS']);
    expect(wide[1]).to.match(/^cluster-admin\s+ClusterRole\/cluster-admin\s+\S+\s+system:masters\s*$/);
    const labels = JSON.parse(await k('get', 'clusterrole', 'view', '-o', 'json')).metadata;
    expect(labels.labels).to.include({ 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' });
    expect(labels.annotations).to.deep.equal({ 'rbac.authorization.kubernetes.io/autoupdate': 'true' });
    expect(await k('get', 'roles', '-n', 'kube-system', '-o', 'name')).to.contain('role.rbac.authorization.k8s.io/extension-apiserver-authentication-reader');
  });

  it('kubectl create role, clusterrole, rolebinding and clusterrolebinding (protobuf bodies) and -o wide', async () => {
    expect(await k('create', 'role', 'pod-reader', '--verb=get,list', '--resource=pods', '-n', 'default')).to.contain('role.rbac.authorization.k8s.io/pod-reader created');
    await k('create', 'clusterrole', 'logs', '--verb=get', '--non-resource-url=/logs/*');
    await k('create', 'rolebinding', 'readers', '--role=pod-reader', '--user=alice', '--group=devs', '--serviceaccount=default:robot', '-n', 'default');
    await k('create', 'clusterrolebinding', 'log-readers', '--clusterrole=logs', '--user=bob');
    const row = (await k('get', 'rolebinding', 'readers', '-n', 'default', '-o', 'wide', '--no-headers')).trim().split(/\s{2,}/);
    expect([row[0], row[1], ...row.slice(3)]).to.deep.equal(['readers', 'Role/pod-reader', 'alice', 'devs', 'default/robot']);
    const role = JSON.parse(await k('get', 'role', 'pod-reader', '-n', 'default', '-o', 'json'));
    expect(role.rules).to.deep.equal([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]);
  });

  it('refuses what kube refuses: a changed roleRef, a namespaced non-resource URL', async () => {
    await k('create', 'rolebinding', 'fixed', '--clusterrole=view', '--user=dave', '-n', 'default');
    const patch = await kubectl(kapi.url, ['patch', 'rolebinding', 'fixed', '-n', 'default', '--type=merge', '-p', '{"roleRef":{"name":"edit"}}']);
    expect(patch.code).to.not.equal(0);
    expect(patch.stderr).to.contain('roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef');
    const bad = await kubectl(kapi.url, ['apply', '-f', '-'], {
      input: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: urls, namespace: default}\nrules:\n- {verbs: [get], nonResourceURLs: [/x]}\n',
    });
    expect(bad.stderr).to.contain('namespaced rules cannot apply to non-resource URLs');
  });

  it('kubectl auth reconcile adds missing rules and subjects, and removes extras when asked', async () => {
    await k('create', 'role', 'pod-reader', '--verb=get,list', '--resource=pods', '-n', 'default').catch(() => undefined);
    await k('create', 'rolebinding', 'readers', '--role=pod-reader', '--user=alice', '-n', 'default').catch(() => undefined);
    const out = await kubectlOk(kapi.url, ['auth', 'reconcile', '-f', '-'], { input: reconcileManifest });
    expect(out).to.contain('role.rbac.authorization.k8s.io/pod-reader reconciled');
    const role = JSON.parse(await k('get', 'role', 'pod-reader', '-n', 'default', '-o', 'json'));
    const has = (resource: string, verb: string) => role.rules.some((r: { resources: string[]; verbs: string[] }) => r.resources.includes(resource) && r.verbs.includes(verb));
    expect([has('pods', 'list'), has('pods', 'watch'), has('configmaps', 'get')]).to.deep.equal([true, true, true]);
    expect(JSON.parse(await k('get', 'rolebinding', 'readers', '-n', 'default', '-o', 'json')).subjects.map((s: { name: string }) => s.name)).to.include.members([
      'alice',
      'carol',
    ]);
    await kubectlOk(kapi.url, ['auth', 'reconcile', '--remove-extra-permissions', '--remove-extra-subjects', '-f', '-'], { input: reconcileManifest });
    const subjects = JSON.parse(await k('get', 'rolebinding', 'readers', '-n', 'default', '-o', 'json')).subjects;
    expect(subjects.map((s: { name: string }) => s.name)).to.deep.equal(['carol']);
  });

  it('a ClusterRole labelled aggregate-to-view is aggregated into view, edit and admin', async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: widgetsView });
    for (const role of ['view', 'edit', 'admin']) {
      await eventually(async () => {
        const rules = JSON.parse(await k('get', 'clusterrole', role, '-o', 'json')).rules as { apiGroups?: string[] }[];
        expect(rules.some((r) => r.apiGroups?.includes('example.com'))).to.equal(true, role);
      });
    }
  });
});
