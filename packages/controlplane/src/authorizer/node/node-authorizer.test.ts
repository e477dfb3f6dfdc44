import { expect } from 'chai';
import { Agent, fetch } from 'undici';
import type { AuthorizationAttributes } from '@kapi/apiserver-core';
import { createServer, type KapiServer } from '../../composition/create-server';
import { nodeGraphSourceFromGroups } from './graph-source';
import { NodeAuthorizer } from './node-authorizer';

const node = (name: string) => ({ name: `system:node:${name}`, groups: ['system:nodes', 'system:authenticated'] });

/**
 * The Node authorizer reading a real in-process server's stores: pods bound to node n1 refer to
 * secrets, configmaps, a claim bound to a volume and a service account; n2 runs nothing.
 */
describe('NodeAuthorizer over the core stores', () => {
  let server: KapiServer;
  let authorizer: NodeAuthorizer;

  const post = async (path: string, body: object) => {
    const res = await fetch(server.url + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      dispatcher: new Agent({ connect: server.tls }),
    });
    expect(res.status, `${path}: ${await res.clone().text()}`).to.equal(201);
  };
  const decide = async (user: ReturnType<typeof node>, a: Partial<AuthorizationAttributes>) =>
    authorizer.authorize({ user, resourceRequest: true, apiGroup: '', verb: 'get', ...a });

  before(async () => {
    server = await createServer();
    authorizer = new NodeAuthorizer(nodeGraphSourceFromGroups(() => server.chain.instance.groups));
    await post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    // The ServiceAccount admission plugin refuses a pod naming an account that does not exist.
    await post('/api/v1/namespaces/team/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web-sa' } });
    await post('/api/v1/persistentvolumes', {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv1' },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        csi: { driver: 'd', volumeHandle: 'h', nodePublishSecretRef: { name: 'csi-secret', namespace: 'storage' } },
      },
    });
    await post('/api/v1/namespaces/team/persistentvolumeclaims', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: 'pv1' },
    });
    await post('/api/v1/namespaces/team/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: {
        nodeName: 'n1',
        serviceAccountName: 'web-sa',
        imagePullSecrets: [{ name: 'pull' }],
        containers: [
          { name: 'c', image: 'nginx', env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'env-secret', key: 'k' } } }], envFrom: [{ configMapRef: { name: 'settings' } }] },
        ],
        volumes: [
          { name: 'd', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'p', projected: { sources: [{ configMap: { name: 'projected-cm' } }] } },
        ],
      },
    });
    await post('/api/v1/namespaces/team/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'elsewhere' },
      spec: { containers: [{ name: 'c', image: 'x', envFrom: [{ secretRef: { name: 'other' } }] }] },
    });
  });
  after(() => server.close());

  it('other users get no opinion, so the next mode decides', async () => {
    expect(
      await authorizer.authorize({ user: { name: 'alice', groups: ['system:nodes'] }, verb: 'get', resourceRequest: true, resource: 'secrets', namespace: 'team', name: 'pull' }),
    ).to.deep.equal({ decision: 'NoOpinion', reason: '' });
    expect(await decide({ name: 'system:node:', groups: ['system:nodes'] }, { resource: 'secrets', namespace: 'team', name: 'pull' })).to.deep.equal({
      decision: 'NoOpinion',
      reason: 'unknown node for user "system:node:"',
    });
  });

  it('a node reads the secrets and configmaps its pods refer to, and only those', async () => {
    for (const name of ['pull', 'env-secret']) expect((await decide(node('n1'), { resource: 'secrets', namespace: 'team', name })).decision, name).to.equal('Allow');
    for (const name of ['settings', 'projected-cm'])
      expect((await decide(node('n1'), { resource: 'configmaps', namespace: 'team', name, verb: 'watch' })).decision, name).to.equal('Allow');
    expect(await decide(node('n2'), { resource: 'secrets', namespace: 'team', name: 'pull' })).to.deep.equal({
      decision: 'NoOpinion',
      reason: "no relationship found between node 'n2' and this object",
    });
    expect((await decide(node('n1'), { resource: 'secrets', namespace: 'team', name: 'other' })).decision, 'pod not on n1').to.equal('NoOpinion');
    expect((await decide(node('n1'), { resource: 'secrets', namespace: 'default', name: 'pull' })).decision, 'other namespace').to.equal('NoOpinion');
    expect(await decide(node('n1'), { resource: 'secrets', namespace: 'team', name: 'pull', verb: 'update' })).to.deep.equal({
      decision: 'NoOpinion',
      reason: 'can only read resources of this type',
    });
    expect(await decide(node('n1'), { resource: 'secrets', namespace: 'team', verb: 'list' })).to.deep.equal({ decision: 'NoOpinion', reason: 'No Object name found' });
  });

  it("claims, their volumes and the volumes' secrets are reachable through the pod", async () => {
    expect((await decide(node('n1'), { resource: 'persistentvolumeclaims', namespace: 'team', name: 'data' })).decision).to.equal('Allow');
    expect((await decide(node('n1'), { resource: 'persistentvolumes', name: 'pv1' })).decision).to.equal('Allow');
    expect((await decide(node('n1'), { resource: 'secrets', namespace: 'storage', name: 'csi-secret' })).decision).to.equal('Allow');
    expect((await decide(node('n1'), { resource: 'persistentvolumeclaims', namespace: 'team', name: 'data', subresource: 'status', verb: 'patch' })).decision).to.equal('Allow');
    expect(await decide(node('n1'), { resource: 'persistentvolumes', name: 'pv1', verb: 'list' })).to.deep.equal({
      decision: 'NoOpinion',
      reason: 'can only get individual resources of this type',
    });
    expect((await decide(node('n2'), { resource: 'persistentvolumes', name: 'pv1' })).decision).to.equal('NoOpinion');
  });

  it('tokens only for the service accounts of its pods', async () => {
    expect((await decide(node('n1'), { resource: 'serviceaccounts', subresource: 'token', namespace: 'team', name: 'web-sa', verb: 'create' })).decision).to.equal('Allow');
    expect((await decide(node('n2'), { resource: 'serviceaccounts', subresource: 'token', namespace: 'team', name: 'web-sa', verb: 'create' })).decision).to.equal('NoOpinion');
    expect(await decide(node('n1'), { resource: 'serviceaccounts', namespace: 'team', name: 'web-sa', verb: 'create' })).to.deep.equal({
      decision: 'NoOpinion',
      reason: 'can only create token subresource of serviceaccount',
    });
  });

  it('its own Node and pods: read its own, write status, list pods only by spec.nodeName', async () => {
    expect((await decide(node('n1'), { resource: 'nodes', name: 'n1' })).decision).to.equal('Allow');
    expect(await decide(node('n1'), { resource: 'nodes', name: 'n2' })).to.deep.equal({ decision: 'NoOpinion', reason: "node 'n1' cannot read 'n2', only its own Node object" });
    expect(await decide(node('n1'), { resource: 'nodes', verb: 'list' })).to.deep.equal({
      decision: 'NoOpinion',
      reason: "node 'n1' cannot read all nodes, only its own Node object",
    });
    expect((await decide(node('n1'), { resource: 'nodes', name: 'n1', subresource: 'status', verb: 'patch' })).decision).to.equal('Allow');
    expect((await decide(node('n1'), { resource: 'pods', namespace: 'team', name: 'web' })).decision).to.equal('Allow');
    expect((await decide(node('n2'), { resource: 'pods', namespace: 'team', name: 'web' })).decision).to.equal('NoOpinion');
    expect((await decide(node('n1'), { resource: 'pods', verb: 'watch', fieldSelector: 'spec.nodeName=n1' })).decision).to.equal('Allow');
    expect(await decide(node('n1'), { resource: 'pods', verb: 'list' })).to.deep.equal({
      decision: 'NoOpinion',
      reason: 'can only list/watch pods with spec.nodeName=n1 field selector',
    });
    expect((await decide(node('n1'), { resource: 'pods', namespace: 'team', name: 'web', subresource: 'status', verb: 'update' })).decision).to.equal('Allow');
  });

  it('leases in kube-node-lease named as the node; events and the static rules', async () => {
    const lease = { resource: 'leases', apiGroup: 'coordination.k8s.io', namespace: 'kube-node-lease' };
    expect((await decide(node('n1'), { ...lease, name: 'n1', verb: 'update' })).decision).to.equal('Allow');
    expect((await decide(node('n1'), { ...lease, verb: 'create' })).decision).to.equal('Allow');
    expect(await decide(node('n1'), { ...lease, name: 'n2', verb: 'update' })).to.deep.equal({
      decision: 'NoOpinion',
      reason: 'can only access node lease with the same name as the requesting node',
    });
    expect(await decide(node('n1'), { ...lease, namespace: 'default', name: 'n1' })).to.deep.equal({
      decision: 'NoOpinion',
      reason: 'can only access leases in the "kube-node-lease" system namespace',
    });
    expect((await decide(node('n1'), { resource: 'events', namespace: 'team', verb: 'create' })).decision).to.equal('Allow');
    expect((await decide(node('n1'), { resource: 'services', verb: 'list' })).decision).to.equal('Allow');
    expect((await decide(node('n1'), { resource: 'deployments', apiGroup: 'apps', verb: 'list' })).decision).to.equal('NoOpinion');
    expect((await authorizer.authorize({ user: node('n1'), verb: 'get', resourceRequest: false, path: '/healthz' })).decision).to.equal('NoOpinion');
  });

  it('cannot list the rules of a node', () => {
    expect(authorizer.rulesFor(node('n1'))).to.deep.equal({
      resourceRules: [],
      nonResourceRules: [],
      incomplete: true,
      evaluationError: 'node authorizer does not support user rule resolution',
    });
    expect(authorizer.rulesFor({ name: 'alice', groups: [] }).incomplete).to.equal(false);
  });
});
