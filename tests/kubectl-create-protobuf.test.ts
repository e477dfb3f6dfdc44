import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { repoRoot, startKapi, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';
import type { J } from '@kapi/apiserver-core';

/**
 * kubectl's typed commands (`create namespace|configmap|secret|deployment|service|serviceaccount`)
 * POST their objects as application/vnd.kubernetes.protobuf and do not fall back to JSON: a real
 * kubectl against `kapi server` from source, each object read back as JSON.
 */
describe('kubectl typed create commands send protobuf, kapi decodes it', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  const getJSON = async (...args: string[]) => JSON.parse(await kubectlOk(kapi.url, ['get', ...args, '-o', 'json'])) as J;

  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
  });

  after(async () => {
    await kapi?.stop();
  });

  it('create namespace: the body goes out as protobuf and is created', async () => {
    const r = await kubectl(kapi.url, ['create', 'namespace', 'demo', '-v=8']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.match(/Content-Type: application\/vnd\.kubernetes\.protobuf/);
    expect(r.stderr).to.match(/Response Status: 201 Created/);
    expect(r.stdout).to.contain('namespace/demo created');
    const ns = await getJSON('namespace', 'demo');
    expect(ns.metadata.name).to.equal('demo');
    expect(ns.metadata.uid).to.be.a('string').and.not.empty;
  });

  it('create configmap --from-literal', async () => {
    expect(await kubectlOk(kapi.url, ['-n', 'demo', 'create', 'configmap', 'app', '--from-literal=a=1'])).to.contain('configmap/app created');
    const cm = await getJSON('-n', 'demo', 'configmap', 'app');
    expect(cm).to.deep.include({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' } });
    expect(cm.metadata).to.include({ name: 'app', namespace: 'demo' });
    expect(cm.metadata.creationTimestamp).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('create secret generic --from-literal: data arrives base64 as sent', async () => {
    expect(await kubectlOk(kapi.url, ['-n', 'demo', 'create', 'secret', 'generic', 's', '--from-literal=p=x'])).to.contain('secret/s created');
    const secret = await getJSON('-n', 'demo', 'secret', 's');
    expect(secret.type).to.equal('Opaque');
    expect(secret.data).to.deep.equal({ p: Buffer.from('x').toString('base64') });
  });

  it('create deployment --image', async () => {
    expect(await kubectlOk(kapi.url, ['-n', 'demo', 'create', 'deployment', 'web', '--image=nginx'])).to.contain('deployment.apps/web created');
    const d = await getJSON('-n', 'demo', 'deployment', 'web');
    expect(d.metadata.labels).to.deep.equal({ app: 'web' });
    expect(d.spec.replicas).to.equal(1);
    expect(d.spec.selector).to.deep.equal({ matchLabels: { app: 'web' } });
    expect(d.spec.strategy.type).to.equal('RollingUpdate');
    expect(d.spec.template.metadata.labels).to.deep.equal({ app: 'web' });
    expect(d.spec.template.spec.containers).to.have.length(1);
    expect(d.spec.template.spec.containers[0]).to.include({ name: 'nginx', image: 'nginx' });
  });

  it('create service clusterip and serviceaccount', async () => {
    expect(await kubectlOk(kapi.url, ['-n', 'demo', 'create', 'service', 'clusterip', 'web', '--tcp=80:8080'])).to.contain('service/web created');
    const svc = await getJSON('-n', 'demo', 'service', 'web');
    expect(svc.spec.type).to.equal('ClusterIP');
    expect(svc.spec.ports).to.have.length(1);
    expect(svc.spec.ports[0]).to.include({ name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP' });
    expect(svc.spec.selector).to.deep.equal({ app: 'web' });
    expect(await kubectlOk(kapi.url, ['-n', 'demo', 'create', 'serviceaccount', 'robot'])).to.contain('serviceaccount/robot created');
    expect((await getJSON('-n', 'demo', 'serviceaccount', 'robot')).metadata.name).to.equal('robot');
  });

  it('a built-in kind of another group decodes and is refused for its API version, as kube does (400), storing nothing', async () => {
    // The body `kubectl create job x --image=busybox -- sh -c 'echo hi'` sends (captured in apiserver-core's testdata).
    const job = readFileSync(path.join(repoRoot, 'packages/apiserver-core/src/runtime/protobuf/testdata/job.pb'));
    const res = await fetch(`${kapi.url}/api/v1/namespaces/demo/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
      body: job,
    });
    expect(res.status).to.equal(400);
    expect(((await res.json()) as { message: string }).message).to.equal('the API version in the data (batch/v1) does not match the expected API version (v1)');
    expect((await kubectl(kapi.url, ['-n', 'demo', 'get', 'configmap', 'x'])).code).to.equal(1);
  });

  it('answers 415 to a protobuf body of a kind it has no message for', async () => {
    const envelope = (apiVersion: string, kind: string) => {
      const s = (n: number, v: string) => Buffer.concat([Buffer.from([(n << 3) | 2, Buffer.byteLength(v)]), Buffer.from(v)]);
      const typeMeta = Buffer.concat([s(1, apiVersion), s(2, kind)]);
      return Buffer.concat([Buffer.from('k8s\0'), Buffer.from([0x0a, typeMeta.length]), typeMeta, Buffer.from([0x12, 0])]);
    };
    const res = await fetch(`${kapi.url}/api/v1/namespaces/demo/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
      body: envelope('example.com/v1', 'Widget'),
    });
    expect(res.status).to.equal(415);
    expect(((await res.json()) as { reason: string }).reason).to.equal('UnsupportedMediaType');
  });
});
