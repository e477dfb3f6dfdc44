import { expect } from 'chai';
import { ensureNamespace, restOk } from './support/background';
import { describeEachBackend } from './support/compat-server';
import { expectKubectl, lines } from './support/expect-output';
import { configMap as cm, deployment } from './support/objects';

const ns = 'show-ns';
const configMap = (name: string, labels: Record<string, string>, data?: Record<string, string>) => cm(ns, name, data, labels);

/** A stable-output view of an object: the server-chosen metadata values replaced by placeholders. */
function placeholders(out: string): string[] {
  return lines(out).map((l) =>
    l
      .replace(/("?creationTimestamp"?: )"[^"]+"/, '$1"<ts>"')
      .replace(/("?resourceVersion"?: )"\d+"/, '$1"<rv>"')
      .replace(/("?uid"?: )"?[0-9a-f-]{36}"?/, '$1<uid>'),
  );
}

/** Objects read back as a real cluster prints them: `get -o yaml|json` and `describe`. */
describeEachBackend('kubectl compat: get -o yaml|json and describe', (server) => {
  before(async () => {
    await ensureNamespace(server(), ns);
    const post = (p: string, obj: unknown) => restOk(server(), 'POST', p, obj);
    await post(`/api/v1/namespaces/${ns}/configmaps`, configMap('alpha', { tier: 'front', rank: '3', 'compat-get': '1' }, { k: 'v' }));
    await post(`/api/v1/namespaces/${ns}/configmaps`, configMap('beta', { tier: 'back', rank: '1', 'compat-get': '1' }, { k: 'v', l: 'w' }));
    await post(`/api/v1/namespaces/${ns}/configmaps`, configMap('gamma', { rank: '2', 'compat-get': '1' }));
    await post(`/apis/apps/v1/namespaces/${ns}/deployments`, deployment(ns));
  });
  const k = (...args: string[]) => server().kubectl(['-n', ns, ...args]);

  it('get -o yaml prints the stored object with sorted keys', async () => {
    const r = await k('get', 'cm', 'alpha', '-o', 'yaml');
    expect(r.code, r.stderr).to.equal(0);
    expect(placeholders(r.stdout)).to.deep.equal([
      'apiVersion: v1',
      'data:',
      '  k: v',
      'kind: ConfigMap',
      'metadata:',
      '  creationTimestamp: "<ts>"',
      '  labels:',
      '    compat-get: "1"',
      '    rank: "3"',
      '    tier: front',
      '  name: alpha',
      `  namespace: ${ns}`,
      '  resourceVersion: "<rv>"',
      '  uid: <uid>',
    ]);
  });

  // kube defaults enableServiceLinks on pods only (not templates), and serialises the template's `creationTimestamp: null`
  // and an empty `status: {}`.
  it('get -o yaml of a deployment shows the defaults kube-apiserver fills in', async () => {
    const r = await k('get', 'deploy', 'web', '-o', 'yaml');
    expect(r.code, r.stderr).to.equal(0);
    expect(placeholders(r.stdout)).to.deep.equal([
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  creationTimestamp: "<ts>"',
      '  generation: 1',
      '  labels:',
      '    app: web',
      '  name: web',
      `  namespace: ${ns}`,
      '  resourceVersion: "<rv>"',
      '  uid: <uid>',
      'spec:',
      '  progressDeadlineSeconds: 600',
      '  replicas: 2',
      '  revisionHistoryLimit: 10',
      '  selector:',
      '    matchLabels:',
      '      app: web',
      '  strategy:',
      '    rollingUpdate:',
      '      maxSurge: 25%',
      '      maxUnavailable: 25%',
      '    type: RollingUpdate',
      '  template:',
      '    metadata:',
      '      creationTimestamp: null',
      '      labels:',
      '        app: web',
      '    spec:',
      '      containers:',
      '      - env:',
      '        - name: MODE',
      '          value: fast',
      '        image: nginx:1.27',
      '        imagePullPolicy: IfNotPresent',
      '        name: nginx',
      '        resources: {}',
      '        terminationMessagePath: /dev/termination-log',
      '        terminationMessagePolicy: File',
      '      dnsPolicy: ClusterFirst',
      '      restartPolicy: Always',
      '      schedulerName: default-scheduler',
      '      securityContext: {}',
      '      terminationGracePeriodSeconds: 30',
      'status: {}',
    ]);
  });

  it('get -o json prints the object as kubectl indents it', async () => {
    const r = await k('get', 'cm', 'gamma', '-o', 'json');
    expect(r.code, r.stderr).to.equal(0);
    expect(placeholders(r.stdout)).to.deep.equal([
      '{',
      '    "apiVersion": "v1",',
      '    "kind": "ConfigMap",',
      '    "metadata": {',
      '        "creationTimestamp": "<ts>",',
      '        "labels": {',
      '            "compat-get": "1",',
      '            "rank": "2"',
      '        },',
      '        "name": "gamma",',
      `        "namespace": "${ns}",`,
      '        "resourceVersion": "<rv>",',
      '        "uid": <uid>',
      '    }',
      '}',
    ]);
  });

  it('get -o json of a list is a v1 List with the items', async () => {
    const list = JSON.parse(await server().kubectlOk(['-n', ns, 'get', 'cm', '-o', 'json']));
    expect(list.apiVersion).to.equal('v1');
    expect(list.kind).to.equal('List');
    expect(list.items.map((i: { kind: string; metadata: { name: string } }) => `${i.kind}/${i.metadata.name}`)).to.deep.equal([
      'ConfigMap/alpha',
      'ConfigMap/beta',
      'ConfigMap/gamma',
    ]);
  });

  it('describe configmap', async () => {
    // one data key: kubectl walks the data map in Go's random order
    const r = await k('describe', 'cm', 'alpha');
    expectKubectl(r, {
      code: 0,
      stdout: [
        'Name:         alpha',
        `Namespace:    ${ns}`,
        'Labels:       compat-get=1',
        '              rank=3',
        '              tier=front',
        'Annotations:  <none>',
        '',
        'Data',
        '====',
        'k:',
        '----',
        'v',
        '',
        '',
        'BinaryData',
        '====',
        '',
        'Events:  <none>',
      ],
      stderr: [],
    });
  });

  // kubectl lists the namespace's resourcequotas and limitranges; without those resources it leaves the sections out.
  it('describe namespace', async () => {
    const r = await server().kubectl(['describe', 'namespace', ns]);
    expectKubectl(r, {
      code: 0,
      stdout: [
        `Name:         ${ns}`,
        `Labels:       kubernetes.io/metadata.name=${ns}`,
        'Annotations:  <none>',
        'Status:       Active',
        '',
        'No resource quota.',
        '',
        'No LimitRange resource.',
      ],
      stderr: [],
    });
  });

  it('describe deployment', async () => {
    const r = await k('describe', 'deployment', 'web');
    expect(r.code, r.stderr).to.equal(0);
    const head = lines(r.stdout)
      .slice(0, 11)
      .map((l) => l.replace(/^(CreationTimestamp:\s+).*$/, '$1<ts>'));
    expect(head).to.deep.equal([
      'Name:                   web',
      `Namespace:              ${ns}`,
      'CreationTimestamp:      <ts>',
      'Labels:                 app=web',
      'Annotations:            <none>',
      'Selector:               app=web',
      'Replicas:               2 desired | 0 updated | 0 total | 0 available | 0 unavailable',
      'StrategyType:           RollingUpdate',
      'MinReadySeconds:        0',
      'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
      'Pod Template:',
    ]);
    expect(lines(r.stdout).slice(-1)[0]).to.match(/^Events:\s+<none>$/);
  });

  it('describe of a missing object', async () => {
    expectKubectl(await k('describe', 'cm', 'nope'), { code: 1, stdout: [], stderr: ['Error from server (NotFound): configmaps "nope" not found'] });
  });
});
