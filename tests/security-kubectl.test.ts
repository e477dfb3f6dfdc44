import { expect } from 'chai';
import { Agent, fetch } from 'undici';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk, type KubectlResult } from './support/kubectl';
import { testPKI, testUser, type TestUser } from './support/test-pki';
import { eventually } from './support/eventually';

function expectFailure(r: KubectlResult, stderr: string): void {
  expect(r.code, r.stdout).to.equal(1);
  expect(r.stderr).to.include(stderr);
}

/**
 * A server started with default flags (HTTPS, x509 + tokens + anonymous, Node,RBAC) driven by the
 * real kubectl as different identities: the admin of the test CA (system:masters), certificate users
 * bound to roles, a ServiceAccount token, and nobody.
 */
describe('a secure-by-default kapi server through the real kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  let vera: TestUser;
  let erin: TestUser;
  const as = (user: TestUser, args: string[], input?: string) => kubectl(kapi.url, args, { credentials: user.kubectlArgs, input });
  const admin = (args: string[], input?: string) => kubectlOk(kapi.url, args, { input });

  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
    [vera, erin] = await Promise.all([testUser('vera'), testUser('erin', ['role-managers'])]);
    await admin(['create', 'namespace', 'team']);
    await admin(['create', 'rolebinding', 'vera-view', '--clusterrole=view', '--user=vera', '-n', 'team']);
    await admin(['create', 'role', 'role-manager', '--verb=create,get,list', '--resource=roles,rolebindings', '-n', 'team']);
    await admin(['create', 'rolebinding', 'role-managers', '--role=role-manager', '--group=role-managers', '-n', 'team']);
    await admin(['create', 'configmap', 'settings', '--from-literal=a=1', '-n', 'team']);
  });
  after(() => kapi?.stop());

  it("a user bound to view reads, but a write is kube's 403", async () => {
    const got = await eventually(async () => {
      const r = await as(vera, ['get', 'configmap', 'settings', '-n', 'team', '-o', 'name']);
      if (r.code !== 0) throw new Error(r.stderr);
      return r.stdout;
    });
    expect(got).to.equal('configmap/settings\n');
    expectFailure(
      await as(vera, ['create', 'configmap', 'mine', '-n', 'team']),
      'error: failed to create configmap: configmaps is forbidden: User "vera" cannot create resource "configmaps" in API group "" in the namespace "team"',
    );
    expectFailure(
      await as(vera, ['get', 'secrets', '-n', 'team']),
      'Error from server (Forbidden): secrets is forbidden: User "vera" cannot list resource "secrets" in API group "" in the namespace "team"',
    );
    expectFailure(await as(vera, ['get', 'configmaps', '-n', 'default']), 'User "vera" cannot list resource "configmaps" in API group "" in the namespace "default"');
  });

  it('auth can-i and can-i --list answer from RBAC', async () => {
    expect(await as(vera, ['auth', 'can-i', 'list', 'pods', '-n', 'team'])).to.deep.include({ code: 0, stdout: 'yes\n' });
    expect(await as(vera, ['auth', 'can-i', 'delete', 'pods', '-n', 'team'])).to.deep.include({ code: 1, stdout: 'no\n' });
    expect(await as(vera, ['auth', 'can-i', 'get', 'secrets', '-n', 'team'])).to.deep.include({ code: 1, stdout: 'no\n' });
    const list = (await as(vera, ['auth', 'can-i', '--list', '-n', 'team'])).stdout.split('\n').map((l) => l.trim().split(/\s{2,}/));
    expect(list).to.deep.include(['configmaps', '[]', '[]', '[get list watch]']);
    expect(list).to.deep.include(['selfsubjectaccessreviews.authorization.k8s.io', '[]', '[]', '[create]']);
    expect(
      list.find((row) => row[0] === 'secrets'),
      'view does not read secrets',
    ).to.equal(undefined);
  });

  it("auth whoami names the certificate's user and groups", async () => {
    const out = (await as(erin, ['auth', 'whoami', '-o', 'json'])).stdout;
    expect(JSON.parse(out).status.userInfo).to.deep.equal({ username: 'erin', groups: ['role-managers', 'system:authenticated'] });
  });

  it('--as and --as-group: the admin acts as vera; vera may not impersonate', async () => {
    // Besides the root CA publisher's kube-root-ca.crt, which every namespace holds as on kube.
    const names = (await kubectlOk(kapi.url, ['get', 'configmaps', '-n', 'team', '-o', 'name', '--as', 'vera'])).split('\n').filter((n) => n && n !== 'configmap/kube-root-ca.crt');
    expect(names).to.deep.equal(['configmap/settings']);
    expectFailure(
      await kubectl(kapi.url, ['delete', 'configmap', 'settings', '-n', 'team', '--as', 'vera']),
      'configmaps "settings" is forbidden: User "vera" cannot delete resource "configmaps" in API group "" in the namespace "team"',
    );
    expect(await kubectlOk(kapi.url, ['auth', 'can-i', 'create', 'roles', '-n', 'team', '--as', 'nobody', '--as-group', 'role-managers'])).to.equal('yes\n');
    expectFailure(
      await as(vera, ['get', 'pods', '-n', 'team', '--as', 'erin']),
      'users "erin" is forbidden: User "vera" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });

  it('escalation is refused: a role manager cannot grant or bind what it does not hold', async () => {
    const ownRules = await as(erin, ['create', 'role', 'reader', '--verb=get', '--resource=roles', '-n', 'team']);
    expect(ownRules.code, ownRules.stderr).to.equal(0);
    const grant = await as(erin, ['create', 'role', 'secret-reader', '--verb=get', '--resource=secrets', '-n', 'team']);
    expectFailure(
      grant,
      'roles.rbac.authorization.k8s.io "secret-reader" is forbidden: user "erin" (groups=["role-managers" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:',
    );
    expect(grant.stderr).to.include('{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}');
    const bind = await as(erin, ['create', 'rolebinding', 'erin-admin', '--clusterrole=admin', '--user=erin', '-n', 'team']);
    expectFailure(
      bind,
      'rolebindings.rbac.authorization.k8s.io "erin-admin" is forbidden: user "erin" (groups=["role-managers" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:',
    );
    expect(await admin(['get', 'roles,rolebindings', '-n', 'team', '-o', 'name'])).to.not.match(/secret-reader|erin-admin/);
  });

  it('a token from kubectl create token authenticates until its ServiceAccount is deleted', async () => {
    const { caFile } = await testPKI();
    await admin(['create', 'serviceaccount', 'builder', '-n', 'team']);
    await admin(['create', 'rolebinding', 'builder-view', '--clusterrole=view', '--serviceaccount=team:builder', '-n', 'team']);
    const token = (await admin(['create', 'token', 'builder', '-n', 'team'])).trim();
    const withToken = (args: string[]) => kubectl(kapi.url, args, { credentials: [`--certificate-authority=${caFile}`, `--token=${token}`] });
    const who = JSON.parse((await withToken(['auth', 'whoami', '-o', 'json'])).stdout).status.userInfo;
    expect(who.username).to.equal('system:serviceaccount:team:builder');
    expect(who.groups).to.deep.equal(['system:serviceaccounts', 'system:serviceaccounts:team', 'system:authenticated']);
    await eventually(async () => {
      const r = await withToken(['get', 'configmaps', '-n', 'team', '-o', 'name']);
      if (r.code !== 0) throw new Error(r.stderr);
    });
    await admin(['delete', 'serviceaccount', 'builder', '-n', 'team']);
    await eventually(async () => {
      const r = await withToken(['get', 'configmaps', '-n', 'team']);
      expectFailure(r, 'error: You must be logged in to the server (Unauthorized)');
    });
  });

  it('anonymous requests reach only what system:public-info-viewer allows', async () => {
    const { ca } = await testPKI();
    const anonymous = new Agent({ connect: { ca: ca.certPEM } });
    const get = (path: string) => fetch(kapi.url + path, { dispatcher: anonymous });
    expect((await get('/version')).status).to.equal(200);
    expect((await get('/healthz')).status).to.equal(200);
    const refused = await get('/api/v1/namespaces');
    expect(refused.status).to.equal(403);
    expect(await refused.json()).to.deep.include({
      kind: 'Status',
      reason: 'Forbidden',
      code: 403,
      message: 'namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope',
    });
    const path = await get('/apis');
    expect(path.status).to.equal(403);
    expect(((await path.json()) as { message: string }).message).to.equal('forbidden: User "system:anonymous" cannot get path "/apis"');
  });
});
