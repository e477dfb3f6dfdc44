import { expect } from 'chai';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureNamespace, restOk } from './support/background';
import { describeEachBackend } from './support/compat-server';
import { expectKubectl } from './support/expect-output';
import { configMap, deployment } from './support/objects';

const ns = 'mut-ns';

/** The commands that change an object in place: edit, patch, label, annotate, scale, set image. */
describeEachBackend('kubectl compat: edit, patch, label, annotate, scale, set image', (server) => {
  const k = (args: string[], env?: Record<string, string>) => server().kubectl(['-n', ns, ...args], { env });
  const getCm = (name: string) => restOk(server(), 'GET', `/api/v1/namespaces/${ns}/configmaps/${name}`);
  const getDeploy = (name: string) => restOk(server(), 'GET', `/apis/apps/v1/namespaces/${ns}/deployments/${name}`);
  /** A KUBE_EDITOR that runs `sed` on the file kubectl hands it. */
  const editor = (name: string, sedScript: string) => {
    const file = path.join(server().scratch, `${name}.sh`);
    writeFileSync(file, `#!/bin/sh\nsed -i '${sedScript}' "$1"\n`);
    chmodSync(file, 0o755);
    return { KUBE_EDITOR: file };
  };

  before(async () => {
    await ensureNamespace(server(), ns);
    for (const name of ['edit-me', 'patch-me', 'label-me']) await restOk(server(), 'POST', `/api/v1/namespaces/${ns}/configmaps`, configMap(ns, name, { k: 'v' }));
    await restOk(server(), 'POST', `/apis/apps/v1/namespaces/${ns}/deployments`, deployment(ns, 'web'));
  });

  // kubectl edit sends a strategic merge patch computed with the OpenAPI schema.
  it('edit with KUBE_EDITOR applies the edited object', async () => {
    const r = await k(['edit', 'cm', 'edit-me'], editor('edit', 's/^  k: v$/  k: edited/'));
    expectKubectl(r, { code: 0, stdout: ['configmap/edit-me edited'], stderr: [] });
    expect((await getCm('edit-me')).data).to.deep.equal({ k: 'edited' });
  });

  it('edit with an editor that changes nothing cancels', async () => {
    const r = await k(['edit', 'cm', 'edit-me'], { KUBE_EDITOR: 'true' });
    expectKubectl(r, { code: 0, stdout: [], stderr: ['Edit cancelled, no changes made.'] });
  });

  it('edit of a deployment bumps its generation', async () => {
    const r = await k(['edit', 'deploy', 'web'], editor('edit-deploy', 's/image: nginx:1.27/image: nginx:1.28/'));
    expectKubectl(r, { code: 0, stdout: ['deployment.apps/web edited'], stderr: [] });
    const d = await getDeploy('web');
    expect(d.spec.template.spec.containers.map((c: { image: string }) => c.image)).to.deep.equal(['nginx:1.28']);
    expect(d.metadata.generation).to.equal(2);
  });

  it('patch --type=merge', async () => {
    expectKubectl(await k(['patch', 'cm', 'patch-me', '--type=merge', '-p', '{"data":{"m":"1"}}']), { code: 0, stdout: ['configmap/patch-me patched'], stderr: [] });
    expect((await getCm('patch-me')).data).to.deep.equal({ k: 'v', m: '1' });
  });

  it('patch --type=merge with null removes the key', async () => {
    expectKubectl(await k(['patch', 'cm', 'patch-me', '--type=merge', '-p', '{"data":{"m":null}}']), { code: 0, stdout: ['configmap/patch-me patched'], stderr: [] });
    expect((await getCm('patch-me')).data).to.deep.equal({ k: 'v' });
  });

  it('patch --type=json', async () => {
    const p = JSON.stringify([
      { op: 'add', path: '/data/j', value: '2' },
      { op: 'replace', path: '/data/k', value: 'w' },
    ]);
    expectKubectl(await k(['patch', 'cm', 'patch-me', '--type=json', '-p', p]), { code: 0, stdout: ['configmap/patch-me patched'], stderr: [] });
    expect((await getCm('patch-me')).data).to.deep.equal({ k: 'w', j: '2' });
  });

  it('patch --type=json with a failing test op is refused and changes nothing', async () => {
    const before = await getCm('patch-me');
    const p = JSON.stringify([
      { op: 'test', path: '/data/k', value: 'nope' },
      { op: 'remove', path: '/data/k' },
    ]);
    const r = await k(['patch', 'cm', 'patch-me', '--type=json', '-p', p]);
    // kube-apiserver answers 422 Invalid with no kind or name, which kubectl words this way
    expectKubectl(r, { code: 1, stdout: [], stderr: ['The request is invalid: the server rejected our request due to an error in our request'] });
    expect((await getCm('patch-me')).metadata.resourceVersion).to.equal(before.metadata.resourceVersion);
  });

  it('patch that changes nothing says so', async () => {
    expectKubectl(await k(['patch', 'cm', 'patch-me', '--type=merge', '-p', '{"data":{"k":"w"}}']), {
      code: 0,
      stdout: ['configmap/patch-me patched (no change)'],
      stderr: [],
    });
  });

  it('patch (strategic, the default) merges containers by name', async () => {
    const p = '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.29"}]}}}}';
    expectKubectl(await k(['patch', 'deploy', 'web', '-p', p]), { code: 0, stdout: ['deployment.apps/web patched'], stderr: [] });
    const c = (await getDeploy('web')).spec.template.spec.containers;
    expect(c).to.have.length(1);
    expect(c[0]).to.deep.include({ name: 'nginx', image: 'nginx:1.29', env: [{ name: 'MODE', value: 'fast' }] });
  });

  it('patch --dry-run=server changes nothing', async () => {
    const r = await k(['patch', 'cm', 'patch-me', '--type=merge', '-p', '{"data":{"dry":"1"}}', '--dry-run=server']);
    expectKubectl(r, { code: 0, stdout: ['configmap/patch-me patched'], stderr: [] });
    expect((await getCm('patch-me')).data).not.to.have.property('dry');
  });

  it('patch of a missing object', async () => {
    expectKubectl(await k(['patch', 'cm', 'nope', '--type=merge', '-p', '{"data":{}}']), {
      code: 1,
      stdout: [],
      stderr: ['Error from server (NotFound): configmaps "nope" not found'],
    });
  });

  // label and annotate send merge patches, set image a strategic merge patch.
  it('label, overwrite and unlabel', async () => {
    expectKubectl(await k(['label', 'cm', 'label-me', 'color=blue']), { code: 0, stdout: ['configmap/label-me labeled'], stderr: [] });
    expectKubectl(await k(['label', 'cm', 'label-me', 'color=red']), {
      code: 1,
      stdout: [],
      stderr: ["error: 'color' already has a value (blue), and --overwrite is false"],
    });
    expectKubectl(await k(['label', 'cm', 'label-me', 'color=red', '--overwrite']), { code: 0, stdout: ['configmap/label-me labeled'], stderr: [] });
    expect((await getCm('label-me')).metadata.labels).to.deep.equal({ color: 'red' });
    expectKubectl(await k(['label', 'cm', 'label-me', 'color-']), { code: 0, stdout: ['configmap/label-me unlabeled'], stderr: [] });
    expect((await getCm('label-me')).metadata.labels ?? {}).to.deep.equal({});
  });

  it('label --all labels every object of the kind', async () => {
    const r = await k(['label', 'cm', '--all', 'swept=yes']);
    expectKubectl(r, { code: 0, stdout: ['configmap/edit-me labeled', 'configmap/label-me labeled', 'configmap/patch-me labeled'], stderr: [] });
  });

  it('annotate and remove an annotation', async () => {
    expectKubectl(await k(['annotate', 'cm', 'label-me', 'note=hello world']), { code: 0, stdout: ['configmap/label-me annotated'], stderr: [] });
    expect((await getCm('label-me')).metadata.annotations).to.deep.equal({ note: 'hello world' });
    expectKubectl(await k(['annotate', 'cm', 'label-me', 'note-']), { code: 0, stdout: ['configmap/label-me annotated'], stderr: [] });
  });

  // kubectl scale writes deployments/scale (autoscaling/v1 Scale).
  it('scale a deployment', async () => {
    expectKubectl(await k(['scale', 'deploy', 'web', '--replicas=3']), { code: 0, stdout: ['deployment.apps/web scaled'], stderr: [] });
    expect((await getDeploy('web')).spec.replicas).to.equal(3);
    const scale = await restOk(server(), 'GET', `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`);
    expect(scale).to.deep.include({ apiVersion: 'autoscaling/v1', kind: 'Scale' });
    expect(scale.spec).to.deep.equal({ replicas: 3 });
    expect(scale.status).to.deep.equal({ replicas: 0, selector: 'app=web' });
  });

  it('scale with a failed --current-replicas precondition', async () => {
    expectKubectl(await k(['scale', 'deploy', 'web', '--current-replicas=7', '--replicas=4']), {
      code: 1,
      stdout: [],
      stderr: ['error: Expected replicas to be 7, was 3'],
    });
  });

  it('scale --dry-run=server', async () => {
    expectKubectl(await k(['scale', 'deploy', 'web', '--replicas=9', '--dry-run=server']), { code: 0, stdout: ['deployment.apps/web scaled (server dry run)'], stderr: [] });
    expect((await getDeploy('web')).spec.replicas).to.equal(3);
  });

  it('set image', async () => {
    expectKubectl(await k(['set', 'image', 'deployment/web', 'nginx=nginx:1.30']), { code: 0, stdout: ['deployment.apps/web image updated'], stderr: [] });
    const d = await getDeploy('web');
    expect(d.spec.template.spec.containers[0]).to.deep.include({ name: 'nginx', image: 'nginx:1.30', env: [{ name: 'MODE', value: 'fast' }] });
  });

  it('replace -f swaps the whole object, replace --force deletes and recreates it', async () => {
    const manifest = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: patch-me\n  namespace: ${ns}\ndata:\n  only: "${v}"\n`;
    const before = await getCm('patch-me');
    expectKubectl(await server().kubectl(['replace', '-f', '-'], { input: manifest('1') }), { code: 0, stdout: ['configmap/patch-me replaced'], stderr: [] });
    const replaced = await getCm('patch-me');
    expect(replaced.data).to.deep.equal({ only: '1' });
    expect(replaced.metadata.uid).to.equal(before.metadata.uid);
    expectKubectl(await server().kubectl(['replace', '--force', '-f', '-'], { input: manifest('2') }), {
      code: 0,
      stdout: ['configmap "patch-me" deleted', 'configmap/patch-me replaced'],
      stderr: [],
    });
    const recreated = await getCm('patch-me');
    expect(recreated.data).to.deep.equal({ only: '2' });
    expect(recreated.metadata.uid).not.to.equal(before.metadata.uid);
  });

  it('set image of an unknown container', async () => {
    expectKubectl(await k(['set', 'image', 'deployment/web', 'nope=x']), { code: 1, stdout: [], stderr: ['error: unable to find container named "nope"'] });
  });
});
