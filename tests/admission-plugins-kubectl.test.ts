import { expect } from 'chai';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { newCertificateRequest } from '@kapi/registry-certificates/testing';
import { eventually } from './support/eventually';
import { kubectl, kubectlOk } from './support/kubectl';
import { testUser } from './support/test-pki';

const limitRange = JSON.stringify({
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'defaults', namespace: 'default' },
  spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { cpu: '1' } }] },
});

const pod = (name: string, resources?: object) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx', ...(resources ? { resources } : {}) }] },
  });

describe('LimitRanger admission via kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: limitRange });
  });
  after(async () => {
    await kapi?.stop();
  });

  it("fills a container's missing requests and limits from the namespace's LimitRange and notes it", async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: pod('defaulted') });
    const stored = JSON.parse(await kubectlOk(kapi.url, ['get', 'pod', 'defaulted', '-n', 'default', '-o', 'json']));
    expect(stored.spec.containers[0].resources).to.deep.equal({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(stored.metadata.annotations['kubernetes.io/limit-ranger']).to.equal(
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app',
    );
  });

  it('keeps what the container sets', async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: pod('own-cpu', { requests: { cpu: '200m' }, limits: { cpu: '800m' } }) });
    const stored = JSON.parse(await kubectlOk(kapi.url, ['get', 'pod', 'own-cpu', '-n', 'default', '-o', 'json']));
    expect(stored.spec.containers[0].resources).to.deep.equal({ requests: { cpu: '200m', memory: '128Mi' }, limits: { cpu: '800m', memory: '256Mi' } });
    expect(stored.metadata.annotations['kubernetes.io/limit-ranger']).to.equal('LimitRanger plugin set: memory request for container app; memory limit for container app');
  });

  it("refuses a container over the maximum with kube's message; nothing is stored", async () => {
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: pod('too-big', { limits: { cpu: '2' } }) });
    expect(r.stderr).to.include('pods "too-big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
    expect((await kubectl(kapi.url, ['get', 'pod', 'too-big', '-n', 'default'])).code).to.not.equal(0);
  });

  it('is off with --disable-admission-plugins LimitRanger', async () => {
    const off = await startKapi(['--storage-backend', 'memory', '--disable-admission-plugins', 'LimitRanger']);
    try {
      await kubectlOk(off.url, ['apply', '-f', '-'], { input: limitRange });
      await kubectlOk(off.url, ['apply', '-f', '-'], { input: pod('plain') });
      const stored = JSON.parse(await kubectlOk(off.url, ['get', 'pod', 'plain', '-n', 'default', '-o', 'json']));
      expect(stored.spec.containers[0].resources ?? {}).to.deep.equal({});
    } finally {
      await off.stop();
    }
  });
});

describe('DefaultTolerationSeconds admission via kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
  });
  after(async () => {
    await kapi?.stop();
  });

  const tolerationsOf = async (url: string, name: string) => JSON.parse(await kubectlOk(url, ['get', 'pod', name, '-n', 'default', '-o', 'json'])).spec.tolerations;

  it('adds 300-second tolerations of the not-ready and unreachable NoExecute taints', async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: pod('tolerant') });
    expect(await tolerationsOf(kapi.url, 'tolerant')).to.deep.equal([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('leaves a taint the pod already tolerates alone', async () => {
    const own = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 };
    const body = JSON.parse(pod('own-toleration'));
    body.spec.tolerations = [own];
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: JSON.stringify(body) });
    expect(await tolerationsOf(kapi.url, 'own-toleration')).to.deep.equal([
      own,
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('adds nothing with --disable-admission-plugins DefaultTolerationSeconds', async () => {
    const off = await startKapi(['--storage-backend', 'memory', '--disable-admission-plugins', 'DefaultTolerationSeconds']);
    try {
      await kubectlOk(off.url, ['apply', '-f', '-'], { input: pod('intolerant') });
      expect(await tolerationsOf(off.url, 'intolerant')).to.equal(undefined);
    } finally {
      await off.stop();
    }
  });
});

describe('PodSecurity admission via kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  const ns = (name: string, labels: Record<string, string>) => JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  const privilegedPod = (name: string, namespace: string) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace },
      spec: { containers: [{ name: 'app', image: 'nginx', securityContext: { privileged: true } }] },
    });
  const restrictedPod = (name: string, namespace: string) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace },
      spec: {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'app', image: 'nginx', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
      },
    });

  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: ns('locked', { 'pod-security.kubernetes.io/enforce': 'restricted' }) });
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: ns('warned', { 'pod-security.kubernetes.io/warn': 'baseline', 'pod-security.kubernetes.io/warn-version': 'v1.32' }) });
  });
  after(async () => {
    await kapi?.stop();
  });

  it("restricted enforcement refuses a privileged pod with kube's message; nothing is stored", async () => {
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: privilegedPod('priv', 'locked') });
    expect(r.stderr).to.include(
      'Error from server (Forbidden): error when creating "STDIN": pods "priv" is forbidden: violates PodSecurity "restricted:latest": ' +
        'privileged (container "app" must not set securityContext.privileged=true), ' +
        'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), ' +
        'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), ' +
        'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
    expect((await kubectl(kapi.url, ['get', 'pod', 'priv', '-n', 'locked'])).code).to.not.equal(0);
  });

  it('a pod meeting the restricted standard is admitted', async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: restrictedPod('fine', 'locked') });
  });

  it("warn mode admits the pod and prints kube's warning", async () => {
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: privilegedPod('warned-priv', 'warned') });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.include('Warning: would violate PodSecurity "baseline:v1.32": privileged (container "app" must not set securityContext.privileged=true)');
  });
});

describe('TaintNodesByCondition admission via kubectl', function () {
  this.timeout(120_000);

  it('a registered node carries the not-ready NoSchedule taint, unless the plugin is disabled', async () => {
    const node = (name: string) =>
      JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } });
    for (const [args, expected] of [
      [
        [],
        [
          { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
        ],
      ],
      [['--disable-admission-plugins', 'TaintNodesByCondition'], [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]],
    ] as const) {
      const kapi = await startKapi(['--storage-backend', 'memory', ...args]);
      try {
        await kubectlOk(kapi.url, ['create', '-f', '-'], { input: node('worker-1') });
        const stored = JSON.parse(await kubectlOk(kapi.url, ['get', 'node', 'worker-1', '-o', 'json']));
        expect(stored.spec.taints).to.deep.equal(expected);
      } finally {
        await kapi.stop();
      }
    }
  });
});

describe('ResourceQuota admission via kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  const quotaPod = (name: string, cpu?: string) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'quota-test' },
      spec: { containers: [{ name: 'app', image: 'nginx', ...(cpu ? { resources: { requests: { cpu } } } : {}) }] },
    });
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
    await kubectlOk(kapi.url, ['create', 'namespace', 'quota-test']);
    await kubectlOk(kapi.url, ['create', 'quota', 'compute', '-n', 'quota-test', '--hard=pods=2,requests.cpu=1']);
  });
  after(async () => {
    await kapi?.stop();
  });

  it("charges creates, refuses the pod past the quota with kube's message, and describe shows the usage", async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: quotaPod('one', '400m') });
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: quotaPod('two', '400m') });
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: quotaPod('three', '100m') });
    expect(r.stderr).to.include('pods "three" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2');
    expect((await kubectl(kapi.url, ['get', 'pod', 'three', '-n', 'quota-test'])).code).to.not.equal(0);
    const described = await kubectlOk(kapi.url, ['describe', 'quota', 'compute', '-n', 'quota-test']);
    expect(described)
      .to.match(/^pods\s+2\s+2$/m)
      .and.match(/^requests\.cpu\s+800m\s+1$/m);
  });

  it('refuses a pod that does not declare what a cpu quota limits', async () => {
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: quotaPod('undeclared') });
    expect(r.stderr).to.include('pods "undeclared" is forbidden: failed quota: compute: must specify requests.cpu for: app');
  });

  it('a delete gives the usage back', async () => {
    await kubectlOk(kapi.url, ['delete', 'pod', 'two', '-n', 'quota-test', '--wait=false']);
    const quota = JSON.parse(await kubectlOk(kapi.url, ['get', 'quota', 'compute', '-n', 'quota-test', '-o', 'json']));
    expect(quota.status.used).to.deep.equal({ pods: '1', 'requests.cpu': '400m' });
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: quotaPod('three', '100m') });
  });
});

describe('Priority admission via kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
  });
  after(async () => {
    await kapi?.stop();
  });

  const prioritized = (name: string, spec: object) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
    });
  const priorityOf = async (name: string) => {
    const spec = JSON.parse(await kubectlOk(kapi.url, ['get', 'pod', name, '-n', 'default', '-o', 'json'])).spec;
    return { priority: spec.priority, priorityClassName: spec.priorityClassName, preemptionPolicy: spec.preemptionPolicy };
  };

  it("resolves a named class to its value; refuses an unknown class or a value or policy that differs, with kube's messages", async () => {
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: prioritized('critical', { priorityClassName: 'system-cluster-critical' }) });
    expect(await priorityOf('critical')).to.deep.equal({ priority: 2000000000, priorityClassName: 'system-cluster-critical', preemptionPolicy: 'PreemptLowerPriority' });
    const cases: [object, string][] = [
      [{ priorityClassName: 'nope' }, 'no PriorityClass with name nope was found'],
      [
        { priorityClassName: 'system-cluster-critical', priority: 5 },
        'the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 2000000000 from the given PriorityClass name',
      ],
      [
        { priorityClassName: 'system-cluster-critical', preemptionPolicy: 'Never' },
        'the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
      ],
    ];
    for (const [spec, message] of cases) {
      const r = await kubectl(kapi.url, ['create', '-f', '-'], { input: prioritized('refused', spec) });
      expect(r.stderr.trim()).to.equal(`Error from server (Forbidden): error when creating "STDIN": pods "refused" is forbidden: ${message}`);
    }
  });

  it('a pod without a class gets the global default class, or priority 0 when there is none', async () => {
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: prioritized('plain', {}) });
    expect(await priorityOf('plain')).to.deep.equal({ priority: 0, priorityClassName: undefined, preemptionPolicy: 'PreemptLowerPriority' });
    await kubectlOk(kapi.url, ['create', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'def' }, value: 1000, globalDefault: true, preemptionPolicy: 'Never' }),
    });
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: prioritized('defaulted', {}) });
    expect(await priorityOf('defaulted')).to.deep.equal({ priority: 1000, priorityClassName: 'def', preemptionPolicy: 'Never' });
  });

  it('is off with --disable-admission-plugins Priority: a second global default is then allowed, as on kube', async () => {
    const off = await startKapi(['--storage-backend', 'memory', '--disable-admission-plugins', 'Priority']);
    try {
      for (const name of ['one', 'two']) {
        await kubectlOk(off.url, ['create', 'priorityclass', name, '--value=10', '--global-default']);
      }
    } finally {
      await off.stop();
    }
  });
});

describe('storage admission plugins via kubectl: DefaultStorageClass, StorageObjectInUseProtection, PersistentVolumeClaimResize', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    // StorageObjectInUseProtection is off by default in kapi (no protection controllers remove its finalizers).
    kapi = await startKapi(['--storage-backend', 'memory', '--enable-admission-plugins', 'StorageObjectInUseProtection']);
  });
  after(async () => {
    await kapi?.stop();
  });

  const claim = (name: string, extra: object = {}) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra },
    });
  const storageClass = (name: string, extra: object) =>
    JSON.stringify({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner: 'example.com/none', ...extra });
  const getClaim = async (name: string) => JSON.parse(await kubectlOk(kapi.url, ['get', 'pvc', name, '-n', 'default', '-o', 'json']));

  it('a claim without a class gets the default class and the pvc-protection finalizer; a volume gets pv-protection', async () => {
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: claim('before-default') });
    expect((await getClaim('before-default')).spec.storageClassName).to.equal(undefined);
    await kubectlOk(kapi.url, ['create', '-f', '-'], {
      input: storageClass('fixed', { metadata: { name: 'fixed', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } }),
    });
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: claim('data') });
    const stored = await getClaim('data');
    expect(stored.spec.storageClassName).to.equal('fixed');
    expect(stored.metadata.finalizers).to.deep.equal(['kubernetes.io/pvc-protection']);
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: claim('explicit', { storageClassName: '' }) });
    expect((await getClaim('explicit')).spec.storageClassName).to.equal('');
    await kubectlOk(kapi.url, ['create', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'pv1' },
        spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp/pv1' } },
      }),
    });
    expect(JSON.parse(await kubectlOk(kapi.url, ['get', 'pv', 'pv1', '-o', 'json'])).metadata.finalizers).to.deep.equal(['kubernetes.io/pv-protection']);
  });

  it("a bound claim grows only when its class allows volume expansion, with kube's message", async () => {
    await kubectlOk(kapi.url, ['patch', 'pvc', 'data', '-n', 'default', '--subresource=status', '-p', '{"status":{"phase":"Bound"}}']);
    const r = await kubectl(kapi.url, ['patch', 'pvc', 'data', '-n', 'default', '-p', '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}']);
    expect(r.stderr.trim()).to.equal(
      'Error from server (Forbidden): persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: storageClass('growable', { allowVolumeExpansion: true }) });
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: claim('grows', { storageClassName: 'growable' }) });
    await kubectlOk(kapi.url, ['patch', 'pvc', 'grows', '-n', 'default', '--subresource=status', '-p', '{"status":{"phase":"Bound"}}']);
    await kubectlOk(kapi.url, ['patch', 'pvc', 'grows', '-n', 'default', '-p', '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}']);
    expect((await getClaim('grows')).spec.resources.requests.storage).to.equal('2Gi');
  });
});

describe('certificate admission plugins via kubectl under RBAC', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory', '--authorization-mode', 'RBAC']);
  });
  after(async () => {
    await kapi?.stop();
  });

  const csr = (name: string, subject: string, signerName: string) =>
    JSON.stringify({
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { name },
      spec: { request: newCertificateRequest(subject), signerName, usages: ['client auth'] },
    });

  it('CertificateSubjectRestriction: no system:masters certificate from the kube-apiserver-client signer', async () => {
    const r = await kubectl(kapi.url, ['create', '-f', '-'], { input: csr('masters', '/CN=evil/O=system:masters', 'kubernetes.io/kube-apiserver-client') });
    expect(r.stderr.trim()).to.equal(
      'Error from server (Forbidden): error when creating "STDIN": certificatesigningrequests.certificates.k8s.io "masters" is forbidden: use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed',
    );
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: csr('plain', '/CN=someone/O=devs', 'kubernetes.io/kube-apiserver-client') });
  });

  it('CertificateApproval: approving needs approve on the signer (by name or domain/*), not only the approval subresource', async () => {
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: csr('to-approve', '/CN=app', 'example.com/foo') });
    await kubectlOk(kapi.url, ['create', 'clusterrole', 'csr-approver', '--verb=get,list,update', '--resource=certificatesigningrequests,certificatesigningrequests/approval']);
    await kubectlOk(kapi.url, ['create', 'clusterrolebinding', 'approver', '--clusterrole=csr-approver', '--user=approver']);
    const approver = await testUser('approver');
    const refused = await eventually(async () => {
      const r = await kubectl(kapi.url, ['certificate', 'approve', 'to-approve'], { credentials: approver.kubectlArgs });
      if (!r.stderr.includes('signerName')) throw new Error(r.stderr);
      return r;
    });
    expect(refused.stderr).to.include(
      'certificatesigningrequests.certificates.k8s.io "to-approve" is forbidden: user not permitted to approve requests with signerName "example.com/foo"',
    );
    await kubectlOk(kapi.url, ['create', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'example-signer' },
        rules: [{ apiGroups: ['certificates.k8s.io'], resources: ['signers'], resourceNames: ['example.com/*'], verbs: ['approve'] }],
      }),
    });
    await kubectlOk(kapi.url, ['create', 'clusterrolebinding', 'approver-signer', '--clusterrole=example-signer', '--user=approver']);
    await eventually(() => kubectlOk(kapi.url, ['certificate', 'approve', 'to-approve'], { credentials: approver.kubectlArgs }));
    const conditions = JSON.parse(await kubectlOk(kapi.url, ['get', 'csr', 'to-approve', '-o', 'json'])).status.conditions;
    expect(conditions.map((c: { type: string }) => c.type)).to.deep.equal(['Approved']);
  });
});

describe('RuntimeClass admission via kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
    await kubectlOk(kapi.url, ['create', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'node.k8s.io/v1',
        kind: 'RuntimeClass',
        metadata: { name: 'gvisor' },
        handler: 'runsc',
        overhead: { podFixed: { cpu: '250m', memory: '64Mi' } },
        scheduling: { nodeSelector: { sandbox: 'gvisor' }, tolerations: [{ key: 'sandbox', operator: 'Equal', value: 'gvisor', effect: 'NoSchedule' }] },
      }),
    });
  });
  after(async () => {
    await kapi?.stop();
  });

  const sandboxed = (name: string, spec: object) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
    });

  it("gives the pod its class's overhead, node selector and toleration", async () => {
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: sandboxed('sandboxed', { runtimeClassName: 'gvisor', nodeSelector: { zone: 'a' } }) });
    const spec = JSON.parse(await kubectlOk(kapi.url, ['get', 'pod', 'sandboxed', '-n', 'default', '-o', 'json'])).spec;
    expect(spec.overhead).to.deep.equal({ cpu: '250m', memory: '64Mi' });
    expect(spec.nodeSelector).to.deep.equal({ zone: 'a', sandbox: 'gvisor' });
    expect(spec.tolerations).to.deep.include({ key: 'sandbox', operator: 'Equal', value: 'gvisor', effect: 'NoSchedule' });
  });

  it("refuses an unknown class, a conflicting node selector and a foreign overhead with kube's messages", async () => {
    const cases: [object, string][] = [
      [{ runtimeClassName: 'kata' }, 'pod rejected: RuntimeClass "kata" not found'],
      [
        { runtimeClassName: 'gvisor', nodeSelector: { sandbox: 'none' } },
        'conflict: runtimeClass.scheduling.nodeSelector[sandbox] = gvisor; pod.spec.nodeSelector[sandbox] = none',
      ],
      [{ runtimeClassName: 'gvisor', overhead: { cpu: '1' } }, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead"],
    ];
    for (const [spec, message] of cases) {
      const r = await kubectl(kapi.url, ['create', '-f', '-'], { input: sandboxed('refused', spec) });
      expect(r.stderr.trim()).to.equal(`Error from server (Forbidden): error when creating "STDIN": pods "refused" is forbidden: ${message}`);
    }
  });
});

describe('ServiceAccount admission via kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
  });
  after(async () => {
    await kapi?.stop();
  });

  it('a pod created at once in a new namespace runs as `default` (created by the serviceaccounts controller) with the projected token mounted', async () => {
    await kubectlOk(kapi.url, ['create', 'namespace', 'fresh']);
    await kubectlOk(kapi.url, ['run', 'web', '-n', 'fresh', '--image=nginx']);
    const spec = JSON.parse(await kubectlOk(kapi.url, ['get', 'pod', 'web', '-n', 'fresh', '-o', 'jsonpath={.spec}']));
    expect(spec.serviceAccountName).to.equal('default');
    expect(spec.volumes[0].name).to.match(/^kube-api-access-[a-z0-9]{5}$/);
    expect(spec.volumes[0].projected.sources.map((s: object) => Object.keys(s)[0])).to.deep.equal(['serviceAccountToken', 'configMap', 'downwardAPI']);
    expect(spec.containers[0].volumeMounts).to.deep.equal([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: spec.volumes[0].name, readOnly: true }]);
  });

  it("refuses a pod naming a missing ServiceAccount with kube's message; nothing is stored", async () => {
    const r = await kubectl(kapi.url, ['run', 'ghostly', '--image=nginx', '--overrides={"spec":{"serviceAccountName":"ghost"}}']);
    expect(r.stderr.trim()).to.equal(
      'Error from server (Forbidden): pods "ghostly" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found',
    );
    expect((await kubectl(kapi.url, ['get', 'pod', 'ghostly'])).code).to.not.equal(0);
  });

  it('mounts no token where the ServiceAccount turns automount off, unless the pod asks for it', async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'quiet', namespace: 'default' }, automountServiceAccountToken: false }),
    });
    await kubectlOk(kapi.url, ['run', 'quiet', '--image=nginx', '--overrides={"spec":{"serviceAccountName":"quiet"}}']);
    expect((await kubectlOk(kapi.url, ['get', 'pod', 'quiet', '-o', 'jsonpath={.spec.volumes}'])).trim()).to.equal('');
    await kubectlOk(kapi.url, ['run', 'loud', '--image=nginx', '--overrides={"spec":{"serviceAccountName":"quiet","automountServiceAccountToken":true}}']);
    expect(await kubectlOk(kapi.url, ['get', 'pod', 'loud', '-o', 'jsonpath={.spec.volumes[0].name}'])).to.match(/^kube-api-access-/);
  });
});
