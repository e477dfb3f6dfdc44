import { expect } from 'chai';
import { ensureNamespace, restOk, startKubectl } from './support/background';
import { describeEachBackend } from './support/compat-server';
import { expectKubectl, expectTable, lines, parseTable } from './support/expect-output';
import { configMap as cm, deployment } from './support/objects';

const ns = 'get-ns';
const configMap = (name: string, labels: Record<string, string>, data?: Record<string, string>) => cm(ns, name, data, labels);

/** `kubectl get` tables with every selection flag, the output formats that are not read-back, and `get -w`. */
describeEachBackend('kubectl compat: get and watch', (server) => {
  before(async () => {
    await ensureNamespace(server(), ns);
    const post = (p: string, obj: unknown) => restOk(server(), 'POST', p, obj);
    await post(`/api/v1/namespaces/${ns}/configmaps`, configMap('alpha', { tier: 'front', rank: '3', 'compat-get': '1' }, { k: 'v' }));
    await post(`/api/v1/namespaces/${ns}/configmaps`, configMap('beta', { tier: 'back', rank: '1', 'compat-get': '1' }, { k: 'v', l: 'w' }));
    await post(`/api/v1/namespaces/${ns}/configmaps`, configMap('gamma', { rank: '2', 'compat-get': '1' }));
    await post(`/apis/apps/v1/namespaces/${ns}/deployments`, deployment(ns));
  });
  const k = (...args: string[]) => server().kubectl(['-n', ns, ...args]);

  it('get prints the table columns kube-apiserver serves', async () => {
    const r = await k('get', 'configmaps');
    expect(r.code, r.stderr).to.equal(0);
    expectTable(r.stdout, [
      ['NAME', 'DATA', 'AGE'],
      ['alpha', '1', '<age>'],
      ['beta', '2', '<age>'],
      ['gamma', '0', '<age>'],
    ]);
  });

  it('get of one object by name and by short name', async () => {
    expectTable((await k('get', 'cm', 'beta')).stdout, [
      ['NAME', 'DATA', 'AGE'],
      ['beta', '2', '<age>'],
    ]);
    expectTable((await k('get', 'configmap/beta', 'configmap/alpha')).stdout, [
      ['NAME', 'DATA', 'AGE'],
      ['beta', '2', '<age>'],
      ['alpha', '1', '<age>'],
    ]);
  });

  it('get of a missing object says NotFound and exits 1', async () => {
    expectKubectl(await k('get', 'cm', 'nope'), { code: 1, stdout: [], stderr: ['Error from server (NotFound): configmaps "nope" not found'] });
  });

  it('get of an empty list says so on stderr', async () => {
    expectKubectl(await k('get', 'secrets'), { code: 0, stdout: [], stderr: [`No resources found in ${ns} namespace.`] });
  });

  it('get -o wide of deployments adds containers, images and selector', async () => {
    const r = await k('get', 'deployments', '-o', 'wide');
    expect(r.code, r.stderr).to.equal(0);
    expectTable(r.stdout, [
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
      ['web', '0/2', '0', '0', '<age>', 'nginx', 'nginx:1.27', 'app=web'],
    ]);
  });

  it('get pods and services print the columns kube-apiserver serves', async () => {
    await restOk(server(), 'POST', `/api/v1/namespaces/${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'solo', labels: { app: 'solo' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    await restOk(server(), 'POST', `/api/v1/namespaces/${ns}/services`, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'solo' },
      spec: { selector: { app: 'solo' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    const pods = await k('get', 'pods', '-o', 'wide');
    expect(pods.code, pods.stderr).to.equal(0);
    expectTable(pods.stdout, [
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
      ['solo', '0/1', 'Pending', '0', '<age>', '<none>', '<none>', '<none>', '<none>'],
    ]);
    const svc = await k('get', 'services');
    expect(svc.code, svc.stderr).to.equal(0);
    const rows = parseTable(svc.stdout);
    expect(rows[1][2]).to.match(/^10\.0\.0\.\d+$/);
    expectTable(svc.stdout, [
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['solo', 'ClusterIP', rows[1][2], '<none>', '80/TCP', '<age>'],
    ]);
  });

  it('get -o jsonpath', async () => {
    expectKubectl(await k('get', 'cm', '-o', 'jsonpath={.items[*].metadata.name}'), { code: 0, stdout: ['alpha beta gamma'], stderr: [] });
    expectKubectl(await k('get', 'cm', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.data.k}{"\\n"}{end}'), {
      code: 0,
      stdout: ['alpha=v', 'beta=v', 'gamma='],
      stderr: [],
    });
  });

  it('get -o custom-columns', async () => {
    expectKubectl(await k('get', 'cm', '-o', 'custom-columns=NAME:.metadata.name,TIER:.metadata.labels.tier'), {
      code: 0,
      stdout: ['NAME    TIER', 'alpha   front', 'beta    back', 'gamma   <none>'],
      stderr: [],
    });
  });

  it('get -o name', async () => {
    expectKubectl(await k('get', 'cm,deploy', '-o', 'name'), {
      code: 0,
      stdout: ['configmap/alpha', 'configmap/beta', 'configmap/gamma', 'deployment.apps/web'],
      stderr: [],
    });
  });

  it('get -A adds the NAMESPACE column', async () => {
    const r = await server().kubectl(['get', 'cm', '-A', '-l', 'compat-get=1']);
    expect(r.code, r.stderr).to.equal(0);
    expectTable(r.stdout, [
      ['NAMESPACE', 'NAME', 'DATA', 'AGE'],
      [ns, 'alpha', '1', '<age>'],
      [ns, 'beta', '2', '<age>'],
      [ns, 'gamma', '0', '<age>'],
    ]);
  });

  it('get -l with equality, set and existence selectors', async () => {
    const names = async (sel: string) => lines(await server().kubectlOk(['-n', ns, 'get', 'cm', '-l', sel, '-o', 'name']));
    expect(await names('tier=front')).to.deep.equal(['configmap/alpha']);
    expect(await names('tier!=front')).to.deep.equal(['configmap/beta', 'configmap/gamma']);
    expect(await names('tier in (front,back)')).to.deep.equal(['configmap/alpha', 'configmap/beta']);
    expect(await names('tier notin (front)')).to.deep.equal(['configmap/beta', 'configmap/gamma']);
    expect(await names('tier')).to.deep.equal(['configmap/alpha', 'configmap/beta']);
    expect(await names('!tier')).to.deep.equal(['configmap/gamma']);
    expect(await names('tier,rank=1')).to.deep.equal(['configmap/beta']);
  });

  it('get -l with no match', async () => {
    expectKubectl(await k('get', 'cm', '-l', 'tier=none'), { code: 0, stdout: [], stderr: [`No resources found in ${ns} namespace.`] });
  });

  it('get --field-selector on metadata.name', async () => {
    expectKubectl(await k('get', 'cm', '--field-selector', 'metadata.name=beta', '-o', 'name'), { code: 0, stdout: ['configmap/beta'], stderr: [] });
    expectKubectl(await k('get', 'cm', '--field-selector', 'metadata.name!=beta', '-o', 'name'), {
      code: 0,
      stdout: ['configmap/alpha', 'configmap/gamma'],
      stderr: [],
    });
  });

  it('get --field-selector on an unsupported field is a BadRequest', async () => {
    expectKubectl(await k('get', 'cm', '--field-selector', 'data.k=v'), {
      code: 1,
      stdout: [],
      stderr: [
        'Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "", field selector "data.k=v": "data.k" is not a known field selector: only "metadata.name", "metadata.namespace"',
      ],
    });
  });

  it('get --show-labels', async () => {
    const r = await k('get', 'cm', '--show-labels');
    expect(r.code, r.stderr).to.equal(0);
    expectTable(r.stdout, [
      ['NAME', 'DATA', 'AGE', 'LABELS'],
      ['alpha', '1', '<age>', 'compat-get=1,rank=3,tier=front'],
      ['beta', '2', '<age>', 'compat-get=1,rank=1,tier=back'],
      ['gamma', '0', '<age>', 'compat-get=1,rank=2'],
    ]);
  });

  it('get --sort-by', async () => {
    const r = await k('get', 'cm', '--sort-by=.metadata.labels.rank');
    expect(r.code, r.stderr).to.equal(0);
    expect(parseTable(r.stdout).map((row) => row[0])).to.deep.equal(['NAME', 'beta', 'gamma', 'alpha']);
  });

  it('get --chunk-size pages through the list', async () => {
    expectKubectl(await k('get', 'cm', '--chunk-size=1', '-o', 'name'), { code: 0, stdout: ['configmap/alpha', 'configmap/beta', 'configmap/gamma'], stderr: [] });
  });

  it('get namespaces shows the bootstrap namespaces with their status and a real age', async () => {
    const r = await server().kubectl(['get', 'namespaces', 'default', 'kube-system', 'kube-public', 'kube-node-lease']);
    expect(r.code, r.stderr).to.equal(0);
    expectTable(r.stdout, [
      ['NAME', 'STATUS', 'AGE'],
      ['default', 'Active', '<age>'],
      ['kube-system', 'Active', '<age>'],
      ['kube-public', 'Active', '<age>'],
      ['kube-node-lease', 'Active', '<age>'],
    ]);
  });

  it('get -w --output-watch-events streams the changes as table rows', async () => {
    await ensureNamespace(server(), 'watch-ns');
    const base = '/api/v1/namespaces/watch-ns/configmaps';
    await restOk(server(), 'POST', base, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w0' } });
    const watch = startKubectl(server(), ['-n', 'watch-ns', 'get', 'cm', '-w', '--output-watch-events']);
    try {
      // the initial list arrives as ADDED rows: kubectl is now watching
      await watch.waitForOutput(/ADDED +w0/);
      await restOk(server(), 'POST', base, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w1' }, data: { a: '1' } });
      await watch.waitForOutput(/ADDED +w1/);
      const cm = await restOk(server(), 'GET', `${base}/w1`);
      await restOk(server(), 'PUT', `${base}/w1`, { ...cm, data: { a: '1', b: '2' } });
      await watch.waitForOutput(/MODIFIED/);
      await restOk(server(), 'DELETE', `${base}/w1`);
      await watch.waitForOutput(/DELETED/);
    } finally {
      await watch.stop();
    }
    expectTable(watch.stdout(), [
      ['EVENT', 'NAME', 'DATA', 'AGE'],
      ['ADDED', 'w0', '0', '<age>'],
      ['ADDED', 'w1', '1', '<age>'],
      ['MODIFIED', 'w1', '2', '<age>'],
      ['DELETED', 'w1', '2', '<age>'],
    ]);
  });

  it('get -w -o name prints each change', async () => {
    const watch = startKubectl(server(), ['-n', ns, 'get', 'cm', 'alpha', '-w', '-o', 'name']);
    try {
      await watch.waitForOutput(/configmap\/alpha/);
      await restOk(server(), 'PATCH', `/api/v1/namespaces/${ns}/configmaps/alpha`, { metadata: { annotations: { touched: 'yes' } } }, 'application/merge-patch+json');
      await watch.waitForOutput(/configmap\/alpha\n[^]*configmap\/alpha/);
    } finally {
      await watch.stop();
    }
    expect(lines(watch.stdout())).to.deep.equal(['configmap/alpha', 'configmap/alpha']);
  });
});
