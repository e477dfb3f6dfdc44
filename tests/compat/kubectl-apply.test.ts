import { expect } from 'chai';
import path from 'node:path';
import { rest, restOk } from './support/background';
import { describeEachBackend } from './support/compat-server';
import { expectKubectl, lines } from './support/expect-output';

const fixtures = path.join(__dirname, 'fixtures');

function stack(configValue: string, replicas: number, extraData = ''): string {
  return [
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apply-ns',
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: apply-ns\ndata:\n  a: "${configValue}"\n${extraData}`,
    // data, not stringData: kubectl reports a stringData secret as configured on every apply (the field is never stored)
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: apply-ns\ntype: Opaque\ndata:\n  password: aHVudGVyMg==',
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      '  namespace: apply-ns',
      'spec:',
      `  replicas: ${replicas}`,
      '  selector:',
      '    matchLabels:',
      '      app: api',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: api',
      '    spec:',
      '      containers:',
      '      - name: api',
      '        image: nginx:1.27',
      '        env:',
      '        - name: MODE',
      '          value: fast',
    ].join('\n'),
  ].join('\n---\n');
}

/** Client-side `kubectl apply` (last-applied annotation + three-way strategic merge), `diff`, and dry runs. */
describeEachBackend('kubectl compat: apply, diff, dry-run', (server) => {
  // apply downloads /openapi/v3 to validate (server-side, fieldValidation) and to find the patch strategies of each field.
  it('apply -f of a multi-document file creates each object in order', async () => {
    const r = await server().kubectl(['apply', '-f', '-'], { input: stack('1', 1) });
    expectKubectl(r, {
      code: 0,
      stdout: ['namespace/apply-ns created', 'configmap/settings created', 'secret/creds created', 'deployment.apps/api created'],
      stderr: [],
    });
    const cm = await restOk(server(), 'GET', '/api/v1/namespaces/apply-ns/configmaps/settings');
    expect(JSON.parse(cm.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'])).to.deep.equal({
      apiVersion: 'v1',
      data: { a: '1' },
      kind: 'ConfigMap',
      metadata: { annotations: {}, name: 'settings', namespace: 'apply-ns' },
    });
    const secret = await restOk(server(), 'GET', '/api/v1/namespaces/apply-ns/secrets/creds');
    expect(secret.data).to.deep.equal({ password: Buffer.from('hunter2').toString('base64') });
  });

  it('re-apply of the same file changes nothing', async () => {
    const before = await restOk(server(), 'GET', '/apis/apps/v1/namespaces/apply-ns/deployments/api');
    const r = await server().kubectl(['apply', '-f', '-'], { input: stack('1', 1) });
    expectKubectl(r, {
      code: 0,
      stdout: ['namespace/apply-ns unchanged', 'configmap/settings unchanged', 'secret/creds unchanged', 'deployment.apps/api unchanged'],
      stderr: [],
    });
    const after = await restOk(server(), 'GET', '/apis/apps/v1/namespaces/apply-ns/deployments/api');
    expect(after.metadata.resourceVersion).to.equal(before.metadata.resourceVersion);
  });

  it('re-apply of a changed file patches only the changes', async () => {
    // someone else scaled the deployment meanwhile: apply must keep fields it never set
    await restOk(server(), 'PATCH', '/apis/apps/v1/namespaces/apply-ns/deployments/api', { metadata: { labels: { owner: 'ops' } } }, 'application/merge-patch+json');
    const r = await server().kubectl(['apply', '-f', '-'], { input: stack('2', 3, '  b: "new"\n') });
    expectKubectl(r, {
      code: 0,
      stdout: ['namespace/apply-ns unchanged', 'configmap/settings configured', 'secret/creds unchanged', 'deployment.apps/api configured'],
      stderr: [],
    });
    const cm = await restOk(server(), 'GET', '/api/v1/namespaces/apply-ns/configmaps/settings');
    expect(cm.data).to.deep.equal({ a: '2', b: 'new' });
    const d = await restOk(server(), 'GET', '/apis/apps/v1/namespaces/apply-ns/deployments/api');
    expect(d.spec.replicas).to.equal(3);
    expect(d.metadata.labels).to.deep.equal({ owner: 'ops' });
    expect(d.metadata.generation).to.equal(2);
    expect(d.spec.template.spec.containers[0].env).to.deep.equal([{ name: 'MODE', value: 'fast' }]);
  });

  it('apply of a file that drops a key removes it (three-way merge)', async () => {
    await server().kubectlOk(['apply', '-f', '-'], { input: stack('2', 3) });
    const cm = await restOk(server(), 'GET', '/api/v1/namespaces/apply-ns/configmaps/settings');
    expect(cm.data).to.deep.equal({ a: '2' });
  });

  it('apply -f of a directory applies its manifests in file-name order', async () => {
    const r = await server().kubectl(['apply', '-f', path.join(fixtures, 'apply-dir')]);
    expectKubectl(r, { code: 0, stdout: ['configmap/dir-config created', 'deployment.apps/dir-app created', 'secret/dir-secret created'], stderr: [] });
  });

  it('apply of a manifest with a misspelled field is refused naming the field', async () => {
    const r = await server().kubectl(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\n  namespace: apply-ns\ndta:\n  a: "1"\n' });
    expectKubectl(r, {
      code: 1,
      stdout: [],
      stderr: [
        'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dta"',
      ],
    });
    expect((await rest(server(), 'GET', '/api/v1/namespaces/apply-ns/configmaps/typo')).status).to.equal(404);
  });

  it('apply --dry-run=server reports and stores nothing', async () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry-apply\n  namespace: apply-ns\ndata:\n  a: "1"\n';
    const r = await server().kubectl(['apply', '--dry-run=server', '-f', '-'], { input: manifest });
    expectKubectl(r, { code: 0, stdout: ['configmap/dry-apply created (server dry run)'], stderr: [] });
    expect((await rest(server(), 'GET', '/api/v1/namespaces/apply-ns/configmaps/dry-apply')).status).to.equal(404);
  });

  it('apply --dry-run=client reports and stores nothing', async () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry-apply-client\n  namespace: apply-ns\ndata:\n  a: "1"\n';
    const r = await server().kubectl(['apply', '--dry-run=client', '-f', '-'], { input: manifest });
    expectKubectl(r, { code: 0, stdout: ['configmap/dry-apply-client created (dry run)'], stderr: [] });
    expect((await rest(server(), 'GET', '/api/v1/namespaces/apply-ns/configmaps/dry-apply-client')).status).to.equal(404);
  });

  it('apply --server-side', async () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\n  namespace: default\ndata:\n  a: "1"\n';
    expectKubectl(await server().kubectl(['apply', '--server-side', '-f', '-'], { input: manifest }), { code: 0, stdout: ['configmap/ssa serverside-applied'], stderr: [] });
    const cm = await restOk(server(), 'GET', '/api/v1/namespaces/default/configmaps/ssa');
    expect(cm.metadata.managedFields.map((m: { manager: string; operation: string }) => `${m.manager}/${m.operation}`)).to.deep.equal(['kubectl/Apply']);
  });

  it('diff of an unchanged manifest prints nothing and exits 0', async () => {
    const r = await server().kubectl(['diff', '-f', '-'], { input: stack('2', 3) });
    expectKubectl(r, { code: 0, stdout: [], stderr: [] });
  });

  it('diff of a changed manifest prints the changed lines and exits 1', async () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: apply-ns\ndata:\n  a: "3"\n';
    const r = await server().kubectl(['diff', '-f', '-'], { input: manifest });
    expect(r.code, r.stderr).to.equal(1);
    // kubectl diff's dry-run patch leaves the last-applied annotation as it is: only the data line changes
    const changed = lines(r.stdout).filter((l) => /^[-+](?![-+]{2} )/.test(l));
    expect(changed).to.deep.equal(['-  a: "2"', '+  a: "3"']);
    expect(lines(r.stdout)[0]).to.match(/^diff -u -N \S+\/v1\.ConfigMap\.apply-ns\.settings \S+\/v1\.ConfigMap\.apply-ns\.settings$/);
    const cm = await restOk(server(), 'GET', '/api/v1/namespaces/apply-ns/configmaps/settings');
    expect(cm.data).to.deep.equal({ a: '2' });
  });

  it('create -f of a manifest (JSON body) works with --validate=false', async () => {
    const r = await server().kubectl(['create', '--validate=false', '-f', '-'], {
      input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain-create\n  namespace: default\ndata:\n  a: "1"\n',
    });
    expectKubectl(r, { code: 0, stdout: ['configmap/plain-create created'], stderr: [] });
  });
});
