import { expect } from 'chai';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getJSON, type Json } from './support/http';
import { startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';

function manifest(opts: { value: string; image: string; extraContainerField?: string; extraSpec?: string }): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  mode: "${opts.value}"
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: shop
data:
  password: aHVudGVyMg==
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2${opts.extraSpec ?? ''}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${opts.image}
        ports:
        - containerPort: 80
        env:
        - name: A
          value: "1"
      - name: log
        ${opts.extraContainerField ?? 'image'}: busybox
`;
}

/** kubectl apply / label / annotate / edit / patch against kapi with kubectl's default (strict) validation. */
describe('kubectl apply, label, annotate, edit over strategic merge patch', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  const tmp = tempDir('kapi-apply-');
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
  });
  after(async () => {
    await kapi.stop();
    tmp.cleanup();
  });
  const get = (p: string): Promise<Json> => getJSON(kapi.url + p);

  it('apply -f of a multi-document manifest creates every object', async () => {
    const out = await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: manifest({ value: 'a', image: 'nginx:1.25' }) });
    expect(out.trim().split('\n')).to.deep.equal(['namespace/shop created', 'configmap/settings created', 'secret/creds created', 'deployment.apps/web created']);
  });

  it('a second apply of a changed file patches only the change', async () => {
    // a field apply never set, changed by someone else, must survive the three-way merge
    await kubectlOk(kapi.url, ['patch', 'deploy', 'web', '-n', 'shop', '--type=strategic', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"log","args":["-v"]}]}}}}']);
    const out = await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: manifest({ value: 'b', image: 'nginx:1.26' }) });
    expect(out.trim().split('\n')).to.deep.equal(['namespace/shop unchanged', 'configmap/settings configured', 'secret/creds unchanged', 'deployment.apps/web configured']);
    expect((await get('/api/v1/namespaces/shop/configmaps/settings')).data).to.deep.equal({ mode: 'b' });
    const containers = (await get('/apis/apps/v1/namespaces/shop/deployments/web')).spec.template.spec.containers;
    expect(containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`)).to.deep.equal(['web=nginx:1.26', 'log=busybox']);
    expect(containers[1].args).to.deep.equal(['-v']);
    expect(containers[0].env).to.deep.equal([{ name: 'A', value: '1' }]);
  });

  it('apply of a manifest with misspelled fields is refused naming every field, and nothing changes', async () => {
    const before = await get('/apis/apps/v1/namespaces/shop/deployments/web');
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: manifest({ value: 'b', image: 'nginx:1.26', extraContainerField: 'imagee', extraSpec: '\n  replicaz: 3' }) });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.contain('strict decoding error: unknown field "spec.replicaz", unknown field "spec.template.spec.containers[1].imagee"');
    const after = await get('/apis/apps/v1/namespaces/shop/deployments/web');
    expect(after.metadata.resourceVersion).to.equal(before.metadata.resourceVersion);
    const created = await kubectl(kapi.url, ['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\n  namespace: shop\ndta:\n  a: "1"\n' });
    expect(created.stderr.trim()).to.equal(
      'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dta"',
    );
  });

  it('a value of the wrong type is refused as Go decoding refuses it', async () => {
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typed\n  namespace: shop\nimmutable: "yes"\n' });
    expect(r.stderr.trim()).to.equal(
      'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal string into Go struct field ConfigMap.immutable of type bool',
    );
  });

  it('--validate=warn stores the object without the unknown field and prints a warning', async () => {
    const r = await kubectl(kapi.url, ['apply', '--validate=warn', '-f', '-'], {
      input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: warned\n  namespace: shop\ndta:\n  a: "1"\ndata:\n  b: "2"\n',
    });
    expect(r.code).to.equal(0);
    expect(r.stderr).to.contain('Warning: unknown field "dta"');
    const cm = await get('/api/v1/namespaces/shop/configmaps/warned');
    expect(cm).to.not.have.property('dta');
    expect(cm.data).to.deep.equal({ b: '2' });
  });

  it('label and annotate (strategic merge patches) add and remove keys', async () => {
    await kubectlOk(kapi.url, ['label', 'cm', 'settings', '-n', 'shop', 'tier=backend', 'team=a']);
    await kubectlOk(kapi.url, ['label', 'cm', 'settings', '-n', 'shop', 'team-']);
    await kubectlOk(kapi.url, ['annotate', 'deploy', 'web', '-n', 'shop', 'note=hello']);
    expect((await get('/api/v1/namespaces/shop/configmaps/settings')).metadata.labels).to.deep.equal({ tier: 'backend' });
    expect((await get('/apis/apps/v1/namespaces/shop/deployments/web')).metadata.annotations.note).to.equal('hello');
  });

  it('edit with KUBE_EDITOR applies the edited object', async () => {
    const editor = path.join(tmp.dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i -e \'s/image: busybox/image: busybox:1.36/\' "$1"\n');
    chmodSync(editor, 0o755);
    const out = await kubectlOk(kapi.url, ['edit', 'deploy', 'web', '-n', 'shop'], { env: { KUBE_EDITOR: editor, EDITOR: editor } });
    expect(out.trim()).to.equal('deployment.apps/web edited');
    const containers = (await get('/apis/apps/v1/namespaces/shop/deployments/web')).spec.template.spec.containers;
    expect(containers.map((c: { image: string }) => c.image)).to.deep.equal(['nginx:1.26', 'busybox:1.36']);
  });

  it('a strategic merge patch with $patch: delete removes one container', async () => {
    await kubectlOk(kapi.url, ['patch', 'deploy', 'web', '-n', 'shop', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"log","$patch":"delete"}]}}}}']);
    const containers = (await get('/apis/apps/v1/namespaces/shop/deployments/web')).spec.template.spec.containers;
    expect(containers.map((c: { name: string }) => c.name)).to.deep.equal(['web']);
  });
});
