import { expect } from 'chai';
import { ensureNamespace, rest, restOk, sleep, startKubectl } from './support/background';
import { describeEachBackend } from './support/compat-server';
import { expectKubectl } from './support/expect-output';
import { configMap, deployment } from './support/objects';

const ns = 'del-ns';
const finalizer = 'compat.kapi.dev/hold';

/** delete in its variants and `kubectl wait`, including finalizers released by a second client. */
describeEachBackend('kubectl compat: delete and wait', (server) => {
  const k = (...args: string[]) => server().kubectl(['-n', ns, ...args]);
  const cmPath = (name = '') => `/api/v1/namespaces/${ns}/configmaps${name ? `/${name}` : ''}`;
  const createCm = (name: string, opts: { labels?: Record<string, string>; finalizers?: string[]; data?: Record<string, string> } = {}) => {
    const obj = configMap(ns, name, opts.data, opts.labels);
    return restOk(server(), 'POST', cmPath(), opts.finalizers ? { ...obj, metadata: { ...obj.metadata, finalizers: opts.finalizers } } : obj);
  };
  const exists = async (p: string) => (await rest(server(), 'GET', p)).status === 200;
  const release = (name: string) => restOk(server(), 'PATCH', cmPath(name), { metadata: { finalizers: null } }, 'application/merge-patch+json');

  before(async () => {
    await ensureNamespace(server(), ns);
  });

  it('delete by name', async () => {
    await createCm('d1');
    expectKubectl(await k('delete', 'cm', 'd1'), { code: 0, stdout: ['configmap "d1" deleted'], stderr: [] });
    expect(await exists(cmPath('d1'))).to.equal(false);
  });

  it('delete of a missing object, and with --ignore-not-found', async () => {
    expectKubectl(await k('delete', 'cm', 'nope'), { code: 1, stdout: [], stderr: ['Error from server (NotFound): configmaps "nope" not found'] });
    expectKubectl(await k('delete', 'cm', 'nope', '--ignore-not-found'), { code: 0, stdout: [], stderr: [] });
  });

  it('delete -l deletes the matching objects only', async () => {
    await createCm('l1', { labels: { batch: 'x' } });
    await createCm('l2', { labels: { batch: 'x' } });
    await createCm('l3', { labels: { batch: 'y' } });
    expectKubectl(await k('delete', 'cm', '-l', 'batch=x'), { code: 0, stdout: ['configmap "l1" deleted', 'configmap "l2" deleted'], stderr: [] });
    expect(await exists(cmPath('l3'))).to.equal(true);
  });

  it('delete --all empties the namespace of that kind', async () => {
    expectKubectl(await k('delete', 'cm', '--all'), { code: 0, stdout: ['configmap "l3" deleted'], stderr: [] });
    expectKubectl(await k('get', 'cm'), { code: 0, stdout: [], stderr: [`No resources found in ${ns} namespace.`] });
  });

  it('delete --dry-run=server keeps the object', async () => {
    await createCm('dry');
    expectKubectl(await k('delete', 'cm', 'dry', '--dry-run=server'), { code: 0, stdout: ['configmap "dry" deleted (server dry run)'], stderr: [] });
    expect(await exists(cmPath('dry'))).to.equal(true);
  });

  it('delete --wait blocks until a second client removes the finalizer', async () => {
    await createCm('fin', { finalizers: [finalizer] });
    const del = startKubectl(server(), ['-n', ns, 'delete', 'cm', 'fin', '--timeout=30s']);
    try {
      // kubectl has asked for the delete: the object now carries a deletionTimestamp and kubectl waits
      for (let i = 0; i < 100; i++) {
        const cm = await restOk(server(), 'GET', cmPath('fin'));
        if (cm.metadata.deletionTimestamp) break;
        await sleep(100);
      }
      const cm = await restOk(server(), 'GET', cmPath('fin'));
      expect(cm.metadata.deletionTimestamp, 'deletionTimestamp').to.be.a('string');
      expect(cm.metadata.finalizers).to.deep.equal([finalizer]);
      await sleep(500);
      expect(del.proc.exitCode, 'kubectl still waiting').to.equal(null);
      await release('fin');
      expect(await del.exited()).to.equal(0);
    } finally {
      await del.stop();
    }
    expect(del.stdout()).to.equal('configmap "fin" deleted\n');
    expect(await exists(cmPath('fin'))).to.equal(false);
  });

  it('delete --wait=false returns while a finalizer holds the object', async () => {
    await createCm('fin2', { finalizers: [finalizer] });
    expectKubectl(await k('delete', 'cm', 'fin2', '--wait=false'), { code: 0, stdout: ['configmap "fin2" deleted'], stderr: [] });
    const cm = await restOk(server(), 'GET', cmPath('fin2'));
    expect(cm.metadata.deletionTimestamp).to.be.a('string');
    await release('fin2');
    expect(await exists(cmPath('fin2'))).to.equal(false);
  });

  it('delete --cascade=background|orphan|foreground of deployments', async () => {
    for (const name of ['bg', 'orphan', 'fg']) await restOk(server(), 'POST', `/apis/apps/v1/namespaces/${ns}/deployments`, deployment(ns, name));
    expectKubectl(await k('delete', 'deploy', 'bg', '--cascade=background'), { code: 0, stdout: ['deployment.apps "bg" deleted'], stderr: [] });
    // orphan and foreground leave a finalizer for the garbage collector (a controller, not the apiserver): do not wait
    expectKubectl(await k('delete', 'deploy', 'orphan', '--cascade=orphan', '--wait=false'), { code: 0, stdout: ['deployment.apps "orphan" deleted'], stderr: [] });
    expectKubectl(await k('delete', 'deploy', 'fg', '--cascade=foreground', '--wait=false'), { code: 0, stdout: ['deployment.apps "fg" deleted'], stderr: [] });
    expect(await exists(`/apis/apps/v1/namespaces/${ns}/deployments/bg`)).to.equal(false);
    const orphan = await rest(server(), 'GET', `/apis/apps/v1/namespaces/${ns}/deployments/orphan`);
    if (orphan.status === 200) expect(orphan.body.metadata.finalizers).to.deep.equal(['orphan']);
    const fg = await rest(server(), 'GET', `/apis/apps/v1/namespaces/${ns}/deployments/fg`);
    if (fg.status === 200) expect(fg.body.metadata.finalizers).to.deep.equal(['foregroundDeletion']);
  });

  const pod = (name: string, nodeName?: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'nginx' }] },
  });

  it('delete of an unscheduled pod is immediate', async () => {
    await restOk(server(), 'POST', `/api/v1/namespaces/${ns}/pods`, pod('unscheduled'));
    expectKubectl(await k('delete', 'pod', 'unscheduled'), { code: 0, stdout: ['pod "unscheduled" deleted'], stderr: [] });
    expect(await exists(`/api/v1/namespaces/${ns}/pods/unscheduled`)).to.equal(false);
  });

  // kube-apiserver's pod strategy deletes a scheduled pod gracefully (deletionGracePeriodSeconds from the pod's
  // terminationGracePeriodSeconds) and leaves it for its kubelet to confirm; so does kapi's.
  it('delete of a scheduled pod waits for its kubelet unless forced', async () => {
    await restOk(server(), 'POST', `/api/v1/namespaces/${ns}/pods`, pod('scheduled', 'node-a'));
    expectKubectl(await k('delete', 'pod', 'scheduled', '--wait=false'), { code: 0, stdout: ['pod "scheduled" deleted'], stderr: [] });
    const held = await restOk(server(), 'GET', `/api/v1/namespaces/${ns}/pods/scheduled`);
    expect(held.metadata.deletionGracePeriodSeconds).to.equal(30);
    expect(held.metadata.deletionTimestamp).to.be.a('string');
    expectKubectl(await k('delete', 'pod', 'scheduled', '--grace-period=0', '--force'), {
      code: 0,
      stdout: ['pod "scheduled" force deleted'],
      stderr: [
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
      ],
    });
    expect(await exists(`/api/v1/namespaces/${ns}/pods/scheduled`)).to.equal(false);
  });

  it('delete -f of a manifest', async () => {
    await createCm('from-file');
    const r = await server().kubectl(['delete', '-f', '-'], { input: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-file\n  namespace: ${ns}\n` });
    expectKubectl(r, { code: 0, stdout: ['configmap "from-file" deleted'], stderr: [] });
  });

  it('delete namespace completes once its contents are gone', async () => {
    await ensureNamespace(server(), 'doomed-ns');
    await restOk(server(), 'POST', '/api/v1/namespaces/doomed-ns/configmaps', configMap('doomed-ns', 'inside'));
    await restOk(server(), 'POST', '/apis/apps/v1/namespaces/doomed-ns/deployments', deployment('doomed-ns', 'inside'));
    const r = await server().kubectl(['delete', 'namespace', 'doomed-ns', '--timeout=60s'], { timeoutMs: 90_000 });
    expectKubectl(r, { code: 0, stdout: ['namespace "doomed-ns" deleted'], stderr: [] });
    expect(await exists('/api/v1/namespaces/doomed-ns')).to.equal(false);
    expect(await exists('/apis/apps/v1/namespaces/doomed-ns/deployments/inside')).to.equal(false);
  });

  it('create into a terminating namespace is refused', async () => {
    await ensureNamespace(server(), 'closing-ns');
    await restOk(server(), 'POST', '/api/v1/namespaces/closing-ns/configmaps', { ...configMap('closing-ns', 'held'), metadata: { name: 'held', finalizers: [finalizer] } });
    await restOk(server(), 'DELETE', '/api/v1/namespaces/closing-ns');
    const r = await server().kubectl(['-n', 'closing-ns', 'create', 'configmap', 'late', '--from-literal=a=b']);
    expectKubectl(r, {
      code: 1,
      stdout: [],
      stderr: ['error: failed to create configmap: configmaps "late" is forbidden: unable to create new content in namespace closing-ns because it is being terminated'],
    });
    await restOk(server(), 'PATCH', '/api/v1/namespaces/closing-ns/configmaps/held', { metadata: { finalizers: null } }, 'application/merge-patch+json');
  });

  it('wait --for=delete returns once the object is gone', async () => {
    await createCm('w-del', { finalizers: [finalizer] });
    await restOk(server(), 'DELETE', cmPath('w-del'));
    const wait = startKubectl(server(), ['-n', ns, 'wait', '--for=delete', 'cm/w-del', '--timeout=30s']);
    try {
      await sleep(800);
      expect(wait.proc.exitCode, 'kubectl still waiting').to.equal(null);
      await release('w-del');
      expect(await wait.exited()).to.equal(0);
    } finally {
      await wait.stop();
    }
    expect(wait.stdout()).to.equal('configmap/w-del condition met\n');
  });

  it('wait --for=jsonpath= returns once the field has the value', async () => {
    await createCm('w-jp', { data: { ready: 'no' } });
    const wait = startKubectl(server(), ['-n', ns, 'wait', '--for=jsonpath={.data.ready}=yes', 'cm/w-jp', '--timeout=30s']);
    try {
      await sleep(800);
      expect(wait.proc.exitCode, 'kubectl still waiting').to.equal(null);
      await restOk(server(), 'PATCH', cmPath('w-jp'), { data: { ready: 'yes' } }, 'application/merge-patch+json');
      expect(await wait.exited()).to.equal(0);
    } finally {
      await wait.stop();
    }
    expect(wait.stdout()).to.equal('configmap/w-jp condition met\n');
  });

  it("wait --for=jsonpath= times out with kubectl's message", async () => {
    expectKubectl(await k('wait', '--for=jsonpath={.data.ready}=never', 'cm/w-jp', '--timeout=1s'), {
      code: 1,
      stdout: [],
      stderr: ['error: timed out waiting for the condition on configmaps/w-jp'],
    });
  });
});
