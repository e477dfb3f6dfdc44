import { expect } from 'chai';
import { getJSON, type Json } from './support/http';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';

// The nginx Deployment of the Server-Side Apply page (application/ssa/nginx-deployment.yaml), with knobs.
function nginx(opts: { replicas?: number; image?: string; name?: string } = {}): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${opts.name ?? 'nginx-deployment'}
  labels:
    app: nginx
spec:
${opts.replicas !== undefined ? `  replicas: ${opts.replicas}\n` : ''}  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: ${opts.image ?? 'nginx:1.14.2'}
        ports:
        - containerPort: 80
`;
}

type Entry = { manager: string; operation: string; fieldsV1: Json; subresource?: string };

/** `kubectl apply --server-side` and friends against `kapi server` from source. */
describe('kubectl server-side apply against kapi', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  const k = (args: string[], input?: string) => kubectl(kapi.url, args, { input });
  const ok = (args: string[], input?: string) => kubectlOk(kapi.url, args, { input });
  const managed = async (path: string): Promise<Entry[]> => ((await getJSON(kapi.url + path)).metadata.managedFields ?? []) as Entry[];
  const deploymentPath = (name: string) => `/apis/apps/v1/namespaces/default/deployments/${name}`;

  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory', '--plugin', '@kapi/example-widgets']);
  });
  after(async () => {
    await kapi?.stop();
  });

  it('apply --server-side creates, and get --show-managed-fields shows the kubectl Apply entry', async () => {
    expect(await ok(['apply', '--server-side', '-f', '-'], nginx({ replicas: 3 }))).to.equal('deployment.apps/nginx-deployment serverside-applied\n');
    const yaml = await ok(['get', 'deployment', 'nginx-deployment', '-o', 'yaml', '--show-managed-fields']);
    expect(yaml).to.contain('manager: kubectl\n');
    expect(yaml).to.contain('operation: Apply\n');
    expect(yaml).to.contain('fieldsType: FieldsV1\n');
    expect(yaml).to.contain('k:{"name":"nginx"}:');
    expect(await ok(['get', 'deployment', 'nginx-deployment', '-o', 'yaml'])).not.to.contain('managedFields');
    const entries = await managed(deploymentPath('nginx-deployment'));
    expect(entries.map((e) => `${e.manager}/${e.operation}`)).to.deep.equal(['kubectl/Apply']);
    expect(entries[0].fieldsV1['f:spec']['f:replicas']).to.deep.equal({});
  });

  it('kubectl create and client-side apply are recorded as Update by kubectl-create and kubectl-client-side-apply', async () => {
    await ok(['create', 'configmap', 'made', '--from-literal=a=b']);
    const created = await managed('/api/v1/namespaces/default/configmaps/made');
    expect(created.map((e) => `${e.manager}/${e.operation}`)).to.deep.equal(['kubectl-create/Update']);
    expect(created[0].fieldsV1).to.deep.equal({ 'f:data': { '.': {}, 'f:a': {} } });

    await ok(['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: csa\ndata:\n  a: "1"\n');
    const csa = await managed('/api/v1/namespaces/default/configmaps/csa');
    expect(csa.map((e) => `${e.manager}/${e.operation}`)).to.deep.equal(['kubectl-client-side-apply/Update']);
    expect(csa[0].fieldsV1['f:metadata']['f:annotations']).to.have.property('f:kubectl.kubernetes.io/last-applied-configuration');
  });

  it('a conflict with another manager fails the apply and names field and manager; --force-conflicts takes the field', async () => {
    await ok(['patch', 'deployment', 'nginx-deployment', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:9"}]}}}}']);
    const r = await k(['apply', '--server-side', '-f', '-'], nginx({ replicas: 3, image: 'nginx:1.16.1' }));
    expect(r.code).to.equal(1);
    expect(r.stderr).to.contain('error: Apply failed with 1 conflict: conflict with "kubectl-patch" using apps/v1: .spec.template.spec.containers[name="nginx"].image');
    expect(r.stderr).to.contain('--force-conflicts');

    // kubectl diff runs the same apply as a dry run: the conflict shows there too.
    expect((await k(['diff', '--server-side', '-f', '-'], nginx({ replicas: 3, image: 'nginx:1.16.1' }))).stderr).to.contain('Apply failed with 1 conflict');
    const diff = await k(['diff', '--server-side', '--force-conflicts', '-f', '-'], nginx({ replicas: 3, image: 'nginx:1.16.1' }));
    expect(diff.code).to.equal(1);
    expect(diff.stdout).to.contain('-      - image: nginx:9');
    expect(diff.stdout).to.contain('+      - image: nginx:1.16.1');

    expect(await ok(['apply', '--server-side', '--force-conflicts', '-f', '-'], nginx({ replicas: 3, image: 'nginx:1.16.1' }))).to.equal(
      'deployment.apps/nginx-deployment serverside-applied\n',
    );
    const d = await getJSON(kapi.url + deploymentPath('nginx-deployment'));
    expect(d.spec.template.spec.containers[0].image).to.equal('nginx:1.16.1');
    expect((d.metadata.managedFields as Entry[]).map((e) => e.manager)).not.to.include('kubectl-patch');
  });

  it('kubectl diff --server-side is empty for an unchanged manifest and stores nothing for a changed one', async () => {
    const same = await k(['diff', '--server-side', '-f', '-'], nginx({ replicas: 3, image: 'nginx:1.16.1' }));
    expect(same).to.deep.include({ code: 0, stdout: '' });
    const before = await getJSON(kapi.url + deploymentPath('nginx-deployment'));
    const changed = await k(['diff', '--server-side', '-f', '-'], nginx({ replicas: 5, image: 'nginx:1.16.1' }));
    expect(changed.code).to.equal(1);
    expect(changed.stdout).to.contain('-  replicas: 3');
    expect(changed.stdout).to.contain('+  replicas: 5');
    const after = await getJSON(kapi.url + deploymentPath('nginx-deployment'));
    expect(after.metadata.resourceVersion).to.equal(before.metadata.resourceVersion);
  });

  it('--field-manager hands replicas over (the transferring-ownership example)', async () => {
    await ok(
      ['apply', '--server-side', '--field-manager=handover-to-hpa', '--validate=false', '-f', '-'],
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nginx-deployment\nspec:\n  replicas: 3\n',
    );
    await ok(['apply', '--server-side', '-f', '-'], nginx({ image: 'nginx:1.16.1' }));
    const d = await getJSON(kapi.url + deploymentPath('nginx-deployment'));
    expect(d.spec.replicas).to.equal(3);
    const entries = d.metadata.managedFields as Entry[];
    expect(entries.find((e) => e.manager === 'handover-to-hpa')!.fieldsV1).to.deep.equal({ 'f:spec': { 'f:replicas': {} } });
    expect(entries.find((e) => e.manager === 'kubectl')!.fieldsV1['f:spec']).not.to.have.property('f:replicas');
  });

  it('client-side apply, then server-side apply by kubectl takes over without conflicts', async () => {
    await ok(['apply', '-f', '-'], nginx({ name: 'moving', replicas: 2 }));
    expect(await ok(['apply', '--server-side', '-f', '-'], nginx({ name: 'moving', replicas: 4 }))).to.equal('deployment.apps/moving serverside-applied\n');
    const d = await getJSON(kapi.url + deploymentPath('moving'));
    expect(d.spec.replicas).to.equal(4);
    // and back to client-side apply, which finds its annotation up to date
    await ok(['apply', '-f', '-'], nginx({ name: 'moving', replicas: 1 }));
    expect((await getJSON(kapi.url + deploymentPath('moving'))).spec.replicas).to.equal(1);
  });

  it('a Secret written with stringData is managed as data (kube folds it on decode), so a server-side takeover does not conflict', async () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: folded\ntype: Opaque\nstringData:\n  username: shop\n';
    await ok(['apply', '-f', '-'], secret);
    const csa = (await managed('/api/v1/namespaces/default/secrets/folded')).find((e) => e.manager === 'kubectl-client-side-apply')!;
    expect(Object.keys(csa.fieldsV1)).to.include('f:data').and.not.include('f:stringData');
    expect(await ok(['apply', '--server-side', '-f', '-'], secret)).to.equal('secret/folded serverside-applied\n');
  });

  it("applies a plugin's kind by its schema", async () => {
    const widget = (size: string) => `apiVersion: widgets.example.dev/v1\nkind: Widget\nmetadata:\n  name: ssa-widget\nspec:\n  color: red\n  size: ${size}\n`;
    expect(await ok(['apply', '--server-side', '-f', '-'], widget('small'))).to.equal('widget.widgets.example.dev/ssa-widget serverside-applied\n');
    const w = await getJSON(`${kapi.url}/apis/widgets.example.dev/v1/namespaces/default/widgets/ssa-widget`);
    expect(w.metadata.managedFields[0]).to.deep.include({ manager: 'kubectl', operation: 'Apply', apiVersion: 'widgets.example.dev/v1' });
    expect(w.metadata.managedFields[0].fieldsV1).to.deep.equal({ 'f:spec': { 'f:color': {}, 'f:size': {} } });
    await ok(['patch', 'widget', 'ssa-widget', '--type=merge', '-p', '{"spec":{"size":"large"}}']);
    const r = await k(['apply', '--server-side', '-f', '-'], widget('medium'));
    expect(r.stderr).to.contain('conflict with "kubectl-patch" using widgets.example.dev/v1: .spec.size');
  });

  it('kubectl scale owns spec.replicas through the scale subresource, so a later apply of replicas conflicts', async () => {
    await ok(['apply', '--server-side', '-f', '-'], nginx({ name: 'scaled', replicas: 2 }));
    await ok(['scale', 'deployment', 'scaled', '--replicas=5']);
    const entries = await managed(deploymentPath('scaled'));
    const scaleEntry = entries.find((e) => e.subresource === 'scale')!;
    expect(scaleEntry).to.deep.include({ operation: 'Update', fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
    expect(entries.find((e) => e.operation === 'Apply')!.fieldsV1['f:spec']).not.to.have.property('f:replicas');
    const r = await k(['apply', '--server-side', '-f', '-'], nginx({ name: 'scaled', replicas: 2 }));
    expect(r.stderr).to.contain(`conflict with "${scaleEntry.manager}" with subresource "scale" using apps/v1: .spec.replicas`);
  });
});
