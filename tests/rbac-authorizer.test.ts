import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { rbacAuthorizerFor, rbacPolicyOf, type RBACAuthorizer } from '@kapi/registry-rbac';
import type { AuthorizationAttributes, UserInfo } from '@kapi/apiserver-core';
import { createTestServer } from './support/create-test-server';
import { kubectlOk } from './support/kubectl';
import { eventually } from './support/eventually';

const resource = (user: UserInfo, verb: string, group: string, res: string, namespace = '', extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes => ({
  user,
  verb,
  resourceRequest: true,
  apiGroup: group,
  resource: res,
  namespace,
  ...extra,
});

/** The RBAC authorizer of --authorization-mode, read from a running server's rbac Stores. */
describe('RBAC authorizer of a running server (bootstrap policy)', function () {
  this.timeout(60_000);
  let server: KapiServer;
  let authz: RBACAuthorizer;
  before(async () => {
    server = await createTestServer();
    authz = rbacAuthorizerFor(server.chain.instance.groups)!;
    await rbacPolicyOf(server.chain.instance.groups.get('rbac.authorization.k8s.io'))!.synced();
  });
  after(() => server.close());

  it('system:masters holds everything through cluster-admin', () => {
    const admin = { name: 'root', groups: ['system:masters', 'system:authenticated'] };
    expect(authz.authorize(resource(admin, 'delete', '', 'secrets', 'kube-system'))).to.deep.equal({
      decision: 'Allow',
      reason: 'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"',
    });
  });

  it('anonymous users may read /version and /healthz, not /metrics; authenticated users may discover APIs', () => {
    const anonymous = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
    const path = (user: UserInfo, p: string) => authz.authorize({ user, verb: 'get', resourceRequest: false, path: p }).decision;
    expect([path(anonymous, '/version'), path(anonymous, '/healthz'), path(anonymous, '/metrics'), path(anonymous, '/apis')]).to.deep.equal([
      'Allow',
      'Allow',
      'NoOpinion',
      'NoOpinion',
    ]);
    const alice = { name: 'alice', groups: ['system:authenticated'] };
    expect([path(alice, '/apis/apps/v1'), path(alice, '/openapi/v3')]).to.deep.equal(['Allow', 'Allow']);
    expect(authz.authorize(resource(alice, 'create', 'authorization.k8s.io', 'selfsubjectaccessreviews')).decision).to.equal('Allow');
    expect(authz.authorize(resource(alice, 'list', '', 'pods', 'default')).decision).to.equal('NoOpinion');
  });

  it('controllers act as their kube-system ServiceAccounts', () => {
    const sa = { name: 'system:serviceaccount:kube-system:deployment-controller', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system'] };
    expect(authz.authorize(resource(sa, 'create', 'apps', 'replicasets', 'default')).reason).to.equal(
      'RBAC: allowed by ClusterRoleBinding "system:controller:deployment-controller" of ClusterRole "system:controller:deployment-controller" to ServiceAccount "deployment-controller/kube-system"',
    );
    expect(authz.authorize(resource(sa, 'delete', '', 'secrets', 'default')).decision).to.equal('NoOpinion');
  });

  it('follows bindings created through kubectl, and the aggregated view role', async () => {
    await kubectlOk(server.url, ['create', 'rolebinding', 'alice-view', '--clusterrole=view', '--user=alice', '-n', 'default']);
    const alice = { name: 'alice', groups: ['system:authenticated'] };
    await eventually(() =>
      expect(authz.authorize(resource(alice, 'list', 'apps', 'deployments', 'default'))).to.deep.equal({
        decision: 'Allow',
        reason: 'RBAC: allowed by RoleBinding "alice-view/default" of ClusterRole "view" to User "alice"',
      }),
    );
    expect(authz.authorize(resource(alice, 'get', '', 'secrets', 'default')).decision).to.equal('NoOpinion');
    expect(authz.authorize(resource(alice, 'list', 'apps', 'deployments', 'other')).decision).to.equal('NoOpinion');
    const rules = authz.rulesFor(alice, 'default');
    expect(rules.resourceRules.some((r) => r.resources?.includes('deployments') && r.verbs.includes('watch'))).to.equal(true);
  });
});
