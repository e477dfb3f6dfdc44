import { expect } from 'chai';
import { ensureNamespace } from './support/background';
import { apiError, clientsFor, type Clients, type ConfigMapObject } from './support/client-node';
import { describeEachBackend } from './support/compat-server';
import { configMap, deployment } from './support/objects';

const ns = 'cn-ns';

/** @kubernetes/client-node 1.x against kapi: typed CRUD, paging, watch, patch strategies, apply. */
describeEachBackend('client-node compat', (server) => {
  let c: Clients;
  before(async () => {
    c = await clientsFor(server());
    await ensureNamespace(server(), ns);
  });
  const patchAs = (type: string) => c.k8s.setHeaderOptions('Content-Type', type);

  it('typed CRUD on configmaps: create, read, replace, delete', async () => {
    const created = await c.core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'crud', { a: '1' }) });
    expect(created.metadata?.uid).to.match(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.creationTimestamp).to.be.instanceOf(Date);
    const read = await c.core.readNamespacedConfigMap({ name: 'crud', namespace: ns });
    expect(read.data).to.deep.equal({ a: '1' });
    const replaced = await c.core.replaceNamespacedConfigMap({ name: 'crud', namespace: ns, body: { ...read, data: { a: '2' } } });
    expect(replaced.data).to.deep.equal({ a: '2' });
    expect(Number(replaced.metadata?.resourceVersion)).to.be.greaterThan(Number(read.metadata?.resourceVersion));
    await c.core.deleteNamespacedConfigMap({ name: 'crud', namespace: ns });
    const gone = await apiError(c.core.readNamespacedConfigMap({ name: 'crud', namespace: ns }));
    expect(gone.code).to.equal(404);
    expect(gone.status).to.include({ reason: 'NotFound', code: 404, message: 'configmaps "crud" not found' });
  });

  it('typed create of a duplicate is a 409 AlreadyExists, a stale replace a 409 Conflict', async () => {
    const first = await c.core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'dup', { a: '1' }) });
    const dup = await apiError(c.core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'dup') }));
    expect(dup.code).to.equal(409);
    expect(dup.status.reason).to.equal('AlreadyExists');
    await c.core.replaceNamespacedConfigMap({ name: 'dup', namespace: ns, body: { ...first, data: { a: '2' } } });
    const stale = await apiError(c.core.replaceNamespacedConfigMap({ name: 'dup', namespace: ns, body: { ...first, data: { a: '3' } } }));
    expect(stale.code).to.equal(409);
    expect(stale.status.reason).to.equal('Conflict');
    expect(stale.status.message).to.equal(
      'Operation cannot be fulfilled on configmaps "dup": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('typed CRUD on secrets and namespaces', async () => {
    const s = await c.core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: 'sec' }, stringData: { token: 'abc' } } });
    expect(s.type).to.equal('Opaque');
    expect(s.data).to.deep.equal({ token: Buffer.from('abc').toString('base64') });
    const nsObj = await c.core.readNamespace({ name: ns });
    expect(nsObj.status?.phase).to.equal('Active');
    const names = (await c.core.listNamespace()).items.map((n) => n.metadata?.name);
    expect(names).to.include.members(['default', 'kube-system', ns]);
  });

  it('typed CRUD on deployments (apps/v1) with defaults and generation', async () => {
    const d = await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'cn-web') });
    expect(d.spec?.replicas).to.equal(2);
    expect(d.spec?.strategy?.type).to.equal('RollingUpdate');
    expect(d.metadata?.generation).to.equal(1);
    d.spec!.template.spec!.containers[0].image = 'nginx:1.28';
    const updated = await c.apps.replaceNamespacedDeployment({ name: 'cn-web', namespace: ns, body: d });
    expect(updated.metadata?.generation).to.equal(2);
    const list = await c.apps.listNamespacedDeployment({ namespace: ns });
    expect(list.items.map((i) => i.metadata?.name)).to.deep.equal(['cn-web']);
  });

  it('typed CRUD on pods and services', async () => {
    const pod = await c.core.createNamespacedPod({
      namespace: ns,
      body: { metadata: { name: 'p1', labels: { app: 'p1' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    });
    expect(pod.spec?.restartPolicy).to.equal('Always');
    expect(pod.status?.phase).to.equal('Pending');
    const svc = await c.core.createNamespacedService({ namespace: ns, body: { metadata: { name: 's1' }, spec: { selector: { app: 'p1' }, ports: [{ port: 80 }] } } });
    expect(svc.spec?.type).to.equal('ClusterIP');
    expect(svc.spec?.ports?.[0]).to.include({ port: 80, protocol: 'TCP', targetPort: 80 });
    await c.core.deleteNamespacedPod({ name: 'p1', namespace: ns });
    await c.core.deleteNamespacedService({ name: 's1', namespace: ns });
  });

  it('deployment scale subresource through the typed client', async () => {
    const scale = await c.apps.readNamespacedDeploymentScale({ name: 'cn-web', namespace: ns });
    expect(scale.spec?.replicas).to.equal(2);
    await c.apps.replaceNamespacedDeploymentScale({ name: 'cn-web', namespace: ns, body: { ...scale, spec: { replicas: 4 } } });
    expect((await c.apps.readNamespacedDeployment({ name: 'cn-web', namespace: ns })).spec?.replicas).to.equal(4);
  });

  it('list with paging: limit, continue and remainingItemCount', async () => {
    await ensureNamespace(server(), 'cn-page');
    for (let i = 0; i < 5; i++) await c.core.createNamespacedConfigMap({ namespace: 'cn-page', body: configMap('cn-page', `page-${i}`) });
    const seen: string[] = [];
    let token: string | undefined;
    const remaining: (number | undefined)[] = [];
    do {
      const page = await c.core.listNamespacedConfigMap({ namespace: 'cn-page', limit: 2, _continue: token });
      seen.push(...page.items.map((i) => i.metadata!.name!));
      remaining.push(page.metadata?.remainingItemCount);
      token = page.metadata?._continue || undefined;
    } while (token);
    expect(seen).to.deep.equal(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
    expect(remaining).to.deep.equal([3, 1, undefined]);
  });

  it('list with a label selector', async () => {
    await c.core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'sel-a', {}, { pick: 'me' }) });
    const list = await c.core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'pick=me' });
    expect(list.items.map((i) => i.metadata?.name)).to.deep.equal(['sel-a']);
  });

  it('watch from a list resourceVersion sees ADDED, MODIFIED, DELETED in order', async () => {
    const list = await c.core.listNamespacedConfigMap({ namespace: ns });
    const events: string[] = [];
    const watch = new c.k8s.Watch(c.kc);
    let done: (err: unknown) => void = () => undefined;
    const ended = new Promise((resolve) => (done = resolve));
    let seen: () => void = () => undefined;
    const threeSeen = new Promise<void>((resolve) => (seen = resolve));
    const req = await watch.watch(
      `/api/v1/namespaces/${ns}/configmaps`,
      { resourceVersion: list.metadata?.resourceVersion },
      (type, obj) => {
        events.push(`${type} ${obj.metadata.name} ${JSON.stringify(obj.data ?? {})}`);
        if (events.length === 3) seen();
      },
      (err) => done(err),
    );
    await c.core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'watched', { a: '1' }) });
    await c.core.patchNamespacedConfigMap({ name: 'watched', namespace: ns, body: { data: { a: '2' } } }, patchAs(c.k8s.PatchStrategy.MergePatch));
    await c.core.deleteNamespacedConfigMap({ name: 'watched', namespace: ns });
    await Promise.race([threeSeen, new Promise((_, reject) => setTimeout(() => reject(new Error(`events so far: ${events}`)), 10_000))]);
    req.abort();
    await ended;
    expect(events).to.deep.equal(['ADDED watched {"a":"1"}', 'MODIFIED watched {"a":"2"}', 'DELETED watched {"a":"2"}']);
  });

  it('PatchStrategy.JsonPatch', async () => {
    await c.core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'patched', { a: '1' }) });
    const r = await c.core.patchNamespacedConfigMap({ name: 'patched', namespace: ns, body: [{ op: 'add', path: '/data/b', value: '2' }] }, patchAs(c.k8s.PatchStrategy.JsonPatch));
    expect(r.data).to.deep.equal({ a: '1', b: '2' });
  });

  it('PatchStrategy.MergePatch', async () => {
    const r = await c.core.patchNamespacedConfigMap({ name: 'patched', namespace: ns, body: { data: { a: null, c: '3' } } }, patchAs(c.k8s.PatchStrategy.MergePatch));
    expect(r.data).to.deep.equal({ b: '2', c: '3' });
  });

  it('PatchStrategy.StrategicMergePatch merges containers by name', async () => {
    const r = await c.apps.patchNamespacedDeployment(
      { name: 'cn-web', namespace: ns, body: { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.29' }] } } } } },
      patchAs(c.k8s.PatchStrategy.StrategicMergePatch),
    );
    expect(r.spec?.template.spec?.containers).to.have.length(1);
    expect(r.spec?.template.spec?.containers[0]).to.deep.include({ name: 'nginx', image: 'nginx:1.29', env: [{ name: 'MODE', value: 'fast' }] });
  });

  it('KubernetesObjectApi: generic create, read, list and delete', async () => {
    const created = await c.objects.create<ConfigMapObject>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'generic', namespace: ns }, data: { g: '1' } });
    expect(created.metadata?.name).to.equal('generic');
    const read = await c.objects.read<ConfigMapObject>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'generic', namespace: ns } });
    expect(read.data).to.deep.equal({ g: '1' });
    const list = await c.objects.list('apps/v1', 'Deployment', ns);
    expect(list.items.map((i) => i.metadata?.name)).to.include('cn-web');
    await c.objects.delete({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'generic', namespace: ns } });
  });

  // Server-side apply: PATCH application/apply-patch+yaml with a fieldManager.
  it('PatchStrategy.ServerSideApply creates, then updates, with managedFields', async () => {
    const spec: ConfigMapObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa', namespace: ns }, data: { a: '1' } };
    const created = await c.objects.patch(spec, undefined, undefined, 'compat-test', true, c.k8s.PatchStrategy.ServerSideApply);
    expect(created.data).to.deep.equal({ a: '1' });
    const updated = await c.objects.patch({ ...spec, data: { a: '2' } }, undefined, undefined, 'compat-test', true, c.k8s.PatchStrategy.ServerSideApply);
    expect(updated.data).to.deep.equal({ a: '2' });
    expect(updated.metadata?.managedFields?.map((m) => [m.manager, m.operation])).to.deep.equal([['compat-test', 'Apply']]);
  });
});
