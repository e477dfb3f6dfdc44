import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { Agent, fetch } from 'undici';
import { adminKubeconfig } from '../secure-serving/admin-kubeconfig';
import { defaultServerRunOptions } from '../options';
import { createServerChain, shutdownServerChain, type ServerChain } from '../server-chain';
import { enabledControllers } from './index';
import { eventually } from '@kapi/apiserver-core/testing';

const run = promisify(execFile);

/** The admin's HTTPS client of the last started chain (its PKI is generated in the data dir). */
let admin: Agent | undefined;

async function startChain(controllers: string[], dataDir: string): Promise<{ chain: ServerChain; url: string; kubeconfig: string }> {
  const chain = await createServerChain({ ...defaultServerRunOptions(), storageBackend: 'memory', controllers, dataDir, logLevel: 'silent' });
  const url = await chain.server.run('127.0.0.1', 0);
  const { signingCA, servingCA } = chain.secureServing;
  const creds = await adminKubeconfig(url, signingCA!, servingCA!);
  admin = new Agent({ connect: { ca: servingCA, cert: creds.cert, key: creds.key } });
  const kubeconfig = path.join(dataDir, 'admin.kubeconfig');
  await writeFile(kubeconfig, creds.kubeconfig);
  return { chain, url, kubeconfig };
}

async function req(url: string, method: string, p: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const contentType = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
  const res = await fetch(url + p, { method, headers: { 'Content-Type': contentType }, body: body === undefined ? undefined : JSON.stringify(body), dispatcher: admin });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

describe('namespace lifecycle in kapi server', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kapi-ns-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('parses --controllers as kube-controller-manager does, kube names and the older aliases alike', () => {
    const all = [
      'kubernetes-service-controller',
      'kube-apiserver-identity-lease-controller',
      'kube-apiserver-identity-lease-garbage-collector',
      'legacy-token-tracking-controller',
      'priority-and-fairness-config',
      'priority-and-fairness-config-producer',
      'namespace-controller',
      'serviceaccount-controller',
      'clusterrole-aggregation-controller',
      'garbage-collector-controller',
      'legacy-serviceaccount-token-cleaner-controller',
      'root-ca-certificate-publisher-controller',
    ];
    expect(enabledControllers(['*'])).to.deep.equal(all);
    expect(enabledControllers(['*,-namespace'])).to.deep.equal(all.filter((n) => n !== 'namespace-controller'));
    expect(enabledControllers(['*', '-garbage-collector-controller', '-garbagecollector'])).to.deep.equal(all.filter((n) => n !== 'garbage-collector-controller'));
    expect(enabledControllers(['namespace'])).to.deep.equal(['namespace-controller']);
    expect(enabledControllers(['root-ca-cert-publisher,serviceaccount-controller'])).to.deep.equal(['serviceaccount-controller', 'root-ca-certificate-publisher-controller']);
    expect(() => enabledControllers(['bogus'])).to.throw('"bogus" is not in the list of known controllers');
  });

  it('refuses creates into missing and terminating namespaces (controllers off, so deletion stays pending)', async () => {
    const { chain, url } = await startChain(['-namespace', '-serviceaccount'], dir);
    try {
      const missing = await req(url, 'POST', '/api/v1/namespaces/nope/pods', pod('p'));
      expect(missing.status).to.equal(404);
      expect(missing.body.message).to.equal('namespaces "nope" not found');
      const missingApps = await req(url, 'POST', '/apis/apps/v1/namespaces/nope/deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } });
      expect(missingApps.status).to.equal(404);
      await req(url, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dying' } });
      await req(url, 'DELETE', '/api/v1/namespaces/dying');
      const terminating = await req(url, 'POST', '/api/v1/namespaces/dying/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
      expect(terminating.status).to.equal(403);
      expect(terminating.body.message).to.equal('configmaps "c" is forbidden: unable to create new content in namespace dying because it is being terminated');
      const putCreate = await req(url, 'PUT', '/api/v1/namespaces/dying/endpoints/e', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' } });
      expect(putCreate.status).to.equal(403);
      expect((await req(url, 'GET', '/api/v1/namespaces/dying')).body.status).to.deep.equal({ phase: 'Terminating' });
    } finally {
      await shutdownServerChain(chain);
    }
  });

  it('the namespace controller empties a deleted namespace across groups and removes it; every namespace gets a default service account', async () => {
    const { chain, url } = await startChain(['*'], dir);
    try {
      await req(url, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
      const sa = await eventually(async () => {
        const r = await req(url, 'GET', '/api/v1/namespaces/team/serviceaccounts/default');
        expect(r.status === 200, JSON.stringify(r.body)).to.equal(true);
        return r;
      });
      expect(sa.status).to.equal(200);
      await req(url, 'POST', '/api/v1/namespaces/team/pods', pod('p1'));
      await req(url, 'POST', '/api/v1/namespaces/team/services', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30123 }] },
      });
      await req(url, 'POST', '/apis/apps/v1/namespaces/team/deployments', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
      });
      await req(url, 'DELETE', '/api/v1/namespaces/team');
      const gone = await eventually(async () => {
        const r = await req(url, 'GET', '/api/v1/namespaces/team');
        expect(r.status === 404, JSON.stringify(r.body)).to.equal(true);
        return r;
      });
      expect(gone.status).to.equal(404);
      // The service's node port went back to the pool with it.
      await req(url, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team2' } });
      const again = await req(url, 'POST', '/api/v1/namespaces/team2/services', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30123 }] },
      });
      expect(again.status).to.equal(201);
    } finally {
      await shutdownServerChain(chain);
    }
  });

  it('a namespace with content held by a finalizer stays Terminating with conditions, and goes once it is released', async () => {
    const { chain, url } = await startChain(['*'], dir);
    try {
      await req(url, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'held' } });
      await req(url, 'POST', '/api/v1/namespaces/held/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['example.com/hold'] } });
      await req(url, 'DELETE', '/api/v1/namespaces/held');
      const ns = await eventually(async () => {
        const r = await req(url, 'GET', '/api/v1/namespaces/held');
        expect(((r.body.status as { conditions?: unknown[] }).conditions ?? []).length > 0, JSON.stringify(r.body)).to.equal(true);
        return r;
      });
      const remaining = (ns.body.status as { conditions: { type: string; status: string; message: string }[] }).conditions.find((c) => c.type === 'NamespaceContentRemaining');
      expect(remaining).to.include({ status: 'True', message: 'Some resources are remaining: configmaps has 1 resource instances' });
      await req(url, 'PATCH', '/api/v1/namespaces/held/configmaps/c', { metadata: { finalizers: null } });
      const gone = await eventually(async () => {
        const r = await req(url, 'GET', '/api/v1/namespaces/held');
        expect(r.status === 404, JSON.stringify(r.body)).to.equal(true);
        return r;
      });
      expect(gone.status).to.equal(404);
    } finally {
      await shutdownServerChain(chain);
    }
  });

  it('kubectl flows: apply, get, create serviceaccount and token, get events, delete namespace completes', async function () {
    try {
      await run('kubectl', ['version', '--client']);
    } catch {
      this.skip();
    }
    const { chain, kubeconfig } = await startChain(['*'], dir);
    const kubectl = (...args: string[]) => run('kubectl', ['--kubeconfig', kubeconfig, ...args], { timeout: 30_000 }).then((r) => r.stdout);
    try {
      await kubectl('create', 'namespace', 'demo');
      const manifest = path.join(dir, 'web.yaml');
      await import('node:fs/promises').then((fs) =>
        fs.writeFile(
          manifest,
          [
            'apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec: {containers: [{name: web, image: "nginx:1.25"}]}',
            'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}',
            'apiVersion: v1\nkind: Event\nmetadata: {name: web.1}\ninvolvedObject: {kind: Pod, name: web, namespace: demo}\nreason: Scheduled\nmessage: assigned\ntype: Normal',
          ].join('\n---\n'),
        ),
      );
      expect(await kubectl('apply', '-n', 'demo', '--validate=false', '-f', manifest)).to.match(/pod\/web created/);
      expect(await kubectl('get', 'pods', '-n', 'demo')).to.match(/web\s+0\/1\s+Pending/);
      expect(await kubectl('get', 'svc', '-n', 'demo', 'web', '-o', 'jsonpath={.spec.clusterIP}')).to.match(/^10\.0\.0\.\d+$/);
      expect(await kubectl('get', 'events', '-n', 'demo')).to.match(/Normal\s+Scheduled\s+pod\/web\s+assigned/);
      // Typed commands send protobuf bodies.
      expect(await kubectl('run', 'shell', '-n', 'demo', '--image=busybox:1.36', '--port=8080')).to.match(/pod\/shell created/);
      expect(await kubectl('expose', 'pod', 'shell', '-n', 'demo', '--port=80', '--target-port=8080', '--type=NodePort')).to.match(/service\/shell exposed/);
      expect(await kubectl('get', 'svc', 'shell', '-n', 'demo', '-o', 'jsonpath={.spec.ports[0].nodePort}')).to.match(/^3\d{4}$/);
      expect(await kubectl('get', 'pod', 'shell', '-n', 'demo', '-o', 'jsonpath={.spec.containers[0].imagePullPolicy} {.spec.serviceAccountName}')).to.equal(
        'IfNotPresent default',
      );
      await kubectl('create', 'serviceaccount', 'builder', '-n', 'demo');
      const token = (await kubectl('create', 'token', 'builder', '-n', 'demo')).trim();
      expect(token.split('.')).to.have.length(3);
      const resources = await kubectl('api-resources');
      for (const r of ['componentstatuses', 'podtemplates', 'replicationcontrollers', 'resourcequotas', 'limitranges', 'persistentvolumeclaims']) expect(resources).to.include(r);
      expect(await kubectl('delete', 'namespace', 'demo', '--timeout=20s')).to.match(/namespace "demo" deleted/);
      expect(await kubectl('get', 'namespaces')).to.not.match(/^demo\s/m);
    } finally {
      await shutdownServerChain(chain);
    }
  });
});
