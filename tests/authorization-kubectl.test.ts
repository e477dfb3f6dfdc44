import { expect } from 'chai';
import { startWebhookTestServer, type WebhookCall, type WebhookTestServer } from '@kapi/apiserver-core';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';
import { testUser, type TestUser } from './support/test-pki';

type Attrs = { verb?: string; resource?: string; name?: string; namespace?: string; version?: string };

/**
 * The policy of the test's HTTPS webhook. Requests come from the user "requester" (a client
 * certificate of the test CA, outside system:masters, so the webhook decides), who may impersonate
 * alice, bob and the ServiceAccounts of "default";
 * alice may list pods; every user may ask the self reviews and read non-resource paths.
 */
function policy(call: WebhookCall): { body: unknown } {
  const spec = call.body.spec as { user?: string; groups?: string[]; resourceAttributes?: Attrs };
  const r = spec.resourceAttributes;
  const answer = (allowed: boolean, reason = '', denied = false) => ({ body: { ...call.body, status: { allowed, reason, ...(denied ? { denied } : {}) } } });
  if (!r) return answer(true);
  if (r.verb === 'impersonate') {
    if (r.resource === 'users') return answer(['alice', 'bob'].includes(r.name ?? ''), 'only alice and bob');
    if (r.resource === 'serviceaccounts') return answer(r.namespace === 'default', 'only ServiceAccounts of default');
    return answer(false, 'no impersonating groups');
  }
  if (r.resource === 'selfsubjectaccessreviews' || r.resource === 'selfsubjectrulesreviews') return answer(true);
  if (spec.user === 'alice' && r.resource === 'pods' && r.verb === 'list') return answer(true, 'alice lists pods');
  if (spec.user === 'bob' && r.verb === 'delete') return answer(false, 'bob never deletes', true);
  if (spec.user === 'requester') return answer(true);
  return answer(false, 'no policy');
}

/** kubectl as `user` rather than the test admin. */
const kubectlAs = (user: TestUser, url: string, args: string[], opts: { input?: string } = {}) => kubectl(url, args, { ...opts, credentials: user.kubectlArgs });
const kubectlAsOk = (user: TestUser, url: string, args: string[], opts: { input?: string } = {}) => kubectlOk(url, args, { ...opts, credentials: user.kubectlArgs });

describe('kubectl auth can-i against kapi with --authorization-mode Webhook and impersonation', function () {
  let webhook: WebhookTestServer;
  let kapi: KapiProcess;
  let requester: TestUser;

  before(async () => {
    requester = await testUser('requester');
    webhook = await startWebhookTestServer();
    webhook.respond(policy);
    kapi = await startKapi([
      '--storage-backend',
      'memory',
      '--authorization-mode',
      'Webhook',
      '--authorization-webhook-config-file',
      webhook.kubeconfigPath,
      '--authorization-webhook-version',
      'v1',
      '--authorization-webhook-cache-authorized-ttl',
      '0s',
      '--authorization-webhook-cache-unauthorized-ttl',
      '0s',
    ]);
  });
  after(async () => {
    await kapi?.stop();
    await webhook?.close();
  });
  beforeEach(() => (webhook.calls.length = 0));

  const sarsFor = (resource: string) =>
    webhook.calls.map((c) => c.body.spec as { user?: string; groups?: string[]; resourceAttributes?: Attrs }).filter((s) => s.resourceAttributes?.resource === resource);

  it('--as a user the webhook allows: yes, asked as that user with system:authenticated', async () => {
    const r = await kubectlAs(requester, kapi.url, ['auth', 'can-i', 'list', 'pods', '--as', 'alice']);
    expect(r, r.stderr).to.deep.include({ code: 0, stdout: 'yes\n' });
    expect(sarsFor('pods')).to.deep.equal([
      {
        resourceAttributes: { namespace: 'default', verb: 'list', version: '*', resource: 'pods' },
        user: 'alice',
        groups: ['system:authenticated'],
      },
    ]);
    expect(sarsFor('users')).to.deep.include({
      resourceAttributes: { verb: 'impersonate', resource: 'users', name: 'alice' },
      user: 'requester',
      groups: ['system:authenticated'],
    });
  });

  it('a refusal prints no and the reason, exit 1; a webhook Deny likewise', async () => {
    expect(await kubectlAs(requester, kapi.url, ['auth', 'can-i', 'delete', 'pods', '--as', 'alice'])).to.deep.include({ code: 1, stdout: 'no - no policy\n' });
    expect(await kubectlAs(requester, kapi.url, ['auth', 'can-i', 'delete', 'pods', '--as', 'bob'])).to.deep.include({ code: 1, stdout: 'no - bob never deletes\n' });
  });

  it("impersonating a user the requester may not is kube's 403", async () => {
    const r = await kubectlAs(requester, kapi.url, ['auth', 'can-i', 'list', 'pods', '--as', 'carol']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include(
      'Error from server (Forbidden): users "carol" is forbidden: User "requester" cannot impersonate resource "users" in API group "" at the cluster scope: only alice and bob',
    );
    const g = await kubectlAs(requester, kapi.url, ['auth', 'can-i', 'list', 'pods', '--as', 'alice', '--as-group', 'devs']);
    expect(g.stderr).to.include('groups "devs" is forbidden: User "requester" cannot impersonate resource "groups" in API group "" at the cluster scope: no impersonating groups');
  });

  it('a ServiceAccount is impersonated as serviceaccounts in its namespace, with its groups', async () => {
    const r = await kubectlAs(requester, kapi.url, ['auth', 'can-i', 'list', 'pods', '--as', 'system:serviceaccount:default:builder']);
    expect(r).to.deep.include({ code: 1, stdout: 'no - no policy\n' });
    expect(sarsFor('serviceaccounts')[0]).to.deep.equal({
      resourceAttributes: { namespace: 'default', verb: 'impersonate', resource: 'serviceaccounts', name: 'builder' },
      user: 'requester',
      groups: ['system:authenticated'],
    });
    expect(sarsFor('pods')[0]).to.deep.include({
      user: 'system:serviceaccount:default:builder',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    });
    const other = await kubectlAs(requester, kapi.url, ['auth', 'can-i', 'list', 'pods', '--as', 'system:serviceaccount:kube-system:builder']);
    expect(other.stderr).to.include(
      'serviceaccounts "builder" is forbidden: User "requester" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"',
    );
  });

  it("--list with a webhook: no rules and kubectl's incomplete warning", async () => {
    const r = await kubectlAs(requester, kapi.url, ['auth', 'can-i', '--list', '--as', 'alice']);
    expect(r.code).to.equal(0);
    expect(r.stdout.trim().split(/\s{2,}/)).to.deep.equal(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
    expect(r.stderr).to.include('the list may be incomplete: webhook authorizer does not support user rule resolution');
  });

  it('SubjectAccessReview and LocalSubjectAccessReview through kubectl create', async () => {
    const sar = JSON.parse(
      await kubectlAsOk(requester, kapi.url, ['create', '-o', 'json', '-f', '-'], {
        input: JSON.stringify({
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SubjectAccessReview',
          spec: { user: 'bob', resourceAttributes: { verb: 'delete', resource: 'pods', namespace: 'x' } },
        }),
      }),
    );
    expect(sar.status).to.deep.equal({ allowed: false, denied: true, reason: 'bob never deletes' });
    const lsar = (ns: string) =>
      JSON.stringify({
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'LocalSubjectAccessReview',
        spec: { user: 'alice', resourceAttributes: { verb: 'list', resource: 'pods', namespace: ns } },
      });
    const ok = JSON.parse(await kubectlAsOk(requester, kapi.url, ['create', '-n', 'default', '-o', 'json', '-f', '-'], { input: lsar('default') }));
    expect(ok.metadata.namespace).to.equal('default');
    expect(ok.status).to.deep.equal({ allowed: true, reason: 'alice lists pods' });
    const missing = JSON.parse(await kubectlAsOk(requester, kapi.url, ['create', '-n', 'no-such-namespace', '-o', 'json', '-f', '-'], { input: lsar('no-such-namespace') }));
    expect(missing.status, 'reviews are exempt from namespace lifecycle').to.deep.equal({ allowed: true, reason: 'alice lists pods' });
    const bad = await kubectlAs(requester, kapi.url, ['create', '-n', 'default', '-f', '-'], { input: lsar('other') });
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('The LocalSubjectAccessReview "" is invalid: spec.resourceAttributes.namespace: Invalid value: "other": must match metadata.namespace');
  });
});

describe('kubectl auth can-i against kapi with the AlwaysAllow and AlwaysDeny modes', () => {
  it('AlwaysAllow lists every rule', async () => {
    const kapi = await startKapi(['--storage-backend', 'memory', '--authorization-mode', 'AlwaysAllow']);
    try {
      const out = (await kubectlOk(kapi.url, ['auth', 'can-i', '--list']))
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s{2,}/));
      expect(out).to.deep.equal([
        ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'],
        ['*.*', '[]', '[]', '[*]'],
        ['[*]', '[]', '[*]'],
      ]);
    } finally {
      await kapi.stop();
    }
  });

  it("AlwaysDeny forbids everyone not in system:masters, with kube's reason", async () => {
    const kapi = await startKapi(['--storage-backend', 'memory', '--authorization-mode', 'AlwaysDeny']);
    try {
      const requester = await testUser('requester');
      const r = await kubectlAs(requester, kapi.url, ['get', '--raw', '/api/v1/namespaces/default/pods']);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.include('pods is forbidden: User "requester" cannot list resource "pods" in API group "" in the namespace "default": Everything is forbidden.');
      const masters = await kubectlAs(requester, kapi.url, ['get', '--raw', '/api/v1/namespaces/default/pods', '--as', 'root', '--as-group', 'system:masters']);
      expect(masters.stderr, 'impersonating needs permission too').to.include('users "root" is forbidden');
    } finally {
      await kapi.stop();
    }
  });

  it("an unknown mode stops start-up with kube's message", async () => {
    try {
      await startKapi(['--storage-backend', 'memory', '--authorization-mode', 'RBAC,Magic']);
      expect.fail('kapi started');
    } catch (err) {
      expect((err as Error).message).to.include('Error: authorization-mode "Magic" is not a valid mode');
    }
  });
});
