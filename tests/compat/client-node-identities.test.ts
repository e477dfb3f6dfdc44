import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startKapi, type KapiProcess } from '../support/kapi-process';
import { kubectlOk } from '../support/kubectl';
import { eventually } from '../support/eventually';
import { testPKI, testUser } from '../support/test-pki';
import { apiError, clientNode } from './support/client-node';

/**
 * @kubernetes/client-node as other identities than the admin: a client certificate user, a static
 * bearer token and a ServiceAccount token from `kubectl create token`, each loaded the way an
 * application builds its KubeConfig (certificate data inline, or a token with the cluster's CA).
 */
describe('client-node compat: certificate and bearer-token identities', function () {
  this.timeout(60_000);
  let kapi: KapiProcess;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kapi-client-node-ids-'));
    const tokens = path.join(dir, 'tokens.csv');
    writeFileSync(tokens, 'static-token-1,tina,uid-tina,"readers,ops"\n');
    kapi = await startKapi(['--storage-backend', 'memory', '--token-auth-file', tokens]);
    await kubectlOk(kapi.url, ['create', 'namespace', 'ids']);
    await kubectlOk(kapi.url, ['create', 'configmap', 'settings', '-n', 'ids', '--from-literal=a=1']);
    await kubectlOk(kapi.url, ['create', 'rolebinding', 'readers-view', '--clusterrole=view', '--group=readers', '-n', 'ids']);
  });
  after(async () => {
    await kapi?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A KubeConfig for `user` credentials: inline client certificate, or a bearer token with the CA. */
  async function clientsWith(user: { cert?: string; key?: string; token?: string }) {
    const k8s = await clientNode();
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'kapi', server: kapi.url, caData: Buffer.from((await testPKI()).ca.certPEM).toString('base64') }],
      users: [
        {
          name: 'u',
          ...(user.cert ? { certData: Buffer.from(user.cert).toString('base64'), keyData: Buffer.from(user.key!).toString('base64') } : {}),
          ...(user.token ? { token: user.token } : {}),
        },
      ],
      contexts: [{ name: 'c', cluster: 'kapi', user: 'u' }],
      currentContext: 'c',
    });
    return { core: kc.makeApiClient(k8s.CoreV1Api), authn: kc.makeApiClient(k8s.AuthenticationV1Api) };
  }

  const whoami = async (c: Awaited<ReturnType<typeof clientsWith>>) =>
    (await c.authn.createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } })).status?.userInfo;

  it('a client certificate user is who its CN and O say, and RBAC judges it', async () => {
    const carla = await testUser('carla', ['readers']);
    const c = await clientsWith({ cert: readFileSync(carla.certFile, 'utf8'), key: readFileSync(carla.keyFile, 'utf8') });
    expect(await whoami(c)).to.deep.equal({ username: 'carla', groups: ['readers', 'system:authenticated'] });
    const cm = await eventually(() => c.core.readNamespacedConfigMap({ name: 'settings', namespace: 'ids' }));
    expect(cm.data).to.deep.equal({ a: '1' });
    const refused = await apiError(c.core.createNamespacedConfigMap({ namespace: 'ids', body: { metadata: { name: 'mine' } } }));
    expect(refused.code).to.equal(403);
    expect(refused.status.message).to.equal('configmaps is forbidden: User "carla" cannot create resource "configmaps" in API group "" in the namespace "ids"');
    // a user of no role at all: the same refusal for reads
    const nobody = await testUser('nobody');
    const other = await clientsWith({ cert: readFileSync(nobody.certFile, 'utf8'), key: readFileSync(nobody.keyFile, 'utf8') });
    expect((await apiError(other.core.listNamespacedConfigMap({ namespace: 'ids' }))).code).to.equal(403);
  });

  it('a static token of --token-auth-file is its user; an unknown token is a 401', async () => {
    const c = await clientsWith({ token: 'static-token-1' });
    expect(await whoami(c)).to.deep.equal({ username: 'tina', uid: 'uid-tina', groups: ['readers', 'ops', 'system:authenticated'] });
    // Besides the root CA publisher's kube-root-ca.crt, which every namespace holds as on kube.
    expect((await c.core.listNamespacedConfigMap({ namespace: 'ids' })).items.map((i) => i.metadata?.name).filter((n) => n !== 'kube-root-ca.crt')).to.deep.equal(['settings']);
    const bad = await apiError((await clientsWith({ token: 'no-such-token' })).core.listNamespacedConfigMap({ namespace: 'ids' }));
    // client-node's generated code keeps no body for a 401 (it is a declared response of every operation).
    expect(bad).to.deep.equal({ code: 401, status: undefined });
  });

  it('a ServiceAccount token works until the ServiceAccount is deleted', async () => {
    await kubectlOk(kapi.url, ['create', 'serviceaccount', 'robot', '-n', 'ids']);
    await kubectlOk(kapi.url, ['create', 'rolebinding', 'robot-view', '--clusterrole=view', '--serviceaccount=ids:robot', '-n', 'ids']);
    const token = (await kubectlOk(kapi.url, ['create', 'token', 'robot', '-n', 'ids'])).trim();
    const c = await clientsWith({ token });
    const who = await whoami(c);
    expect(who?.username).to.equal('system:serviceaccount:ids:robot');
    expect(who?.groups).to.deep.equal(['system:serviceaccounts', 'system:serviceaccounts:ids', 'system:authenticated']);
    await eventually(() => c.core.listNamespacedConfigMap({ namespace: 'ids' }));
    await kubectlOk(kapi.url, ['delete', 'serviceaccount', 'robot', '-n', 'ids']);
    // kube caches a successful token review for 10 s; after that the token is refused.
    await eventually(async () => expect((await apiError(c.core.listNamespacedConfigMap({ namespace: 'ids' }))).code).to.equal(401), 20_000, 500);
  });
});
