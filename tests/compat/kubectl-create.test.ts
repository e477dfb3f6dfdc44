import { expect } from 'chai';
import path from 'node:path';
import { rest, restOk } from './support/background';
import { describeEachBackend } from './support/compat-server';
import { expectKubectl, lines } from './support/expect-output';

const fixtures = path.join(__dirname, 'fixtures');
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** The typed `kubectl create <kind>`, `run` and `expose` commands: what they print and what the server stored. */
describeEachBackend('kubectl compat: create, run, expose', (server) => {
  const get = (p: string) => restOk(server(), 'GET', p);

  it('create namespace', async () => {
    expectKubectl(await server().kubectl(['create', 'namespace', 'create-ns']), { code: 0, stdout: ['namespace/create-ns created'], stderr: [] });
    const ns = await get('/api/v1/namespaces/create-ns');
    expect(ns.status.phase).to.equal('Active');
    expect(ns.metadata.labels).to.deep.equal({ 'kubernetes.io/metadata.name': 'create-ns' });
  });

  it('create configmap --from-literal and --from-file', async () => {
    expectKubectl(
      await server().kubectl(['create', 'configmap', 'cm-lit', '--from-literal=a=1', '--from-literal=b=two', '--from-file=tls.crt=' + path.join(fixtures, 'tls.crt')]),
      { code: 0, stdout: ['configmap/cm-lit created'], stderr: [] },
    );
    const cm = await get('/api/v1/namespaces/default/configmaps/cm-lit');
    expect(Object.keys(cm.data)).to.deep.equal(['a', 'b', 'tls.crt']);
    expect(cm.data).to.include({ a: '1', b: 'two' });
  });

  it('create of an existing configmap fails with AlreadyExists', async () => {
    const r = await server().kubectl(['create', 'configmap', 'cm-lit', '--from-literal=a=1']);
    expectKubectl(r, { code: 1, stdout: [], stderr: ['error: failed to create configmap: configmaps "cm-lit" already exists'] });
  });

  it('create secret generic', async () => {
    expectKubectl(await server().kubectl(['create', 'secret', 'generic', 's-gen', '--from-literal=user=admin', '--from-literal=pass=s3cr3t']), {
      code: 0,
      stdout: ['secret/s-gen created'],
      stderr: [],
    });
    const s = await get('/api/v1/namespaces/default/secrets/s-gen');
    expect(s.type).to.equal('Opaque');
    expect(s.data).to.deep.equal({ pass: b64('s3cr3t'), user: b64('admin') });
  });

  it('create secret tls', async () => {
    const r = await server().kubectl(['create', 'secret', 'tls', 's-tls', `--cert=${path.join(fixtures, 'tls.crt')}`, `--key=${path.join(fixtures, 'tls.key')}`]);
    expectKubectl(r, { code: 0, stdout: ['secret/s-tls created'], stderr: [] });
    const s = await get('/api/v1/namespaces/default/secrets/s-tls');
    expect(s.type).to.equal('kubernetes.io/tls');
    expect(Object.keys(s.data).sort()).to.deep.equal(['tls.crt', 'tls.key']);
  });

  it('create secret docker-registry', async () => {
    const r = await server().kubectl(['create', 'secret', 'docker-registry', 's-reg', '--docker-server=registry.example.com', '--docker-username=u', '--docker-password=p']);
    expectKubectl(r, { code: 0, stdout: ['secret/s-reg created'], stderr: [] });
    const s = await get('/api/v1/namespaces/default/secrets/s-reg');
    expect(s.type).to.equal('kubernetes.io/dockerconfigjson');
    expect(JSON.parse(Buffer.from(s.data['.dockerconfigjson'], 'base64').toString())).to.deep.equal({
      auths: { 'registry.example.com': { username: 'u', password: 'p', auth: b64('u:p') } },
    });
  });

  it('create deployment', async () => {
    const r = await server().kubectl(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=8080']);
    expectKubectl(r, { code: 0, stdout: ['deployment.apps/web created'], stderr: [] });
    const d = await get('/apis/apps/v1/namespaces/default/deployments/web');
    expect(d.spec.replicas).to.equal(2);
    expect(d.spec.selector).to.deep.equal({ matchLabels: { app: 'web' } });
    expect(d.spec.template.spec.containers).to.have.length(1);
    expect(d.spec.template.spec.containers[0]).to.include({ name: 'nginx', image: 'nginx:1.27' });
    // defaults kube-apiserver applies (pkg/apis/apps/v1/defaults.go)
    expect(d.spec.strategy).to.deep.equal({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(d.spec).to.include({ revisionHistoryLimit: 10, progressDeadlineSeconds: 600 });
    expect(d.metadata.generation).to.equal(1);
  });

  it('create service clusterip', async () => {
    const r = await server().kubectl(['create', 'service', 'clusterip', 'svc-a', '--tcp=80:8080']);
    expectKubectl(r, { code: 0, stdout: ['service/svc-a created'], stderr: [] });
    const s = await get('/api/v1/namespaces/default/services/svc-a');
    expect(s.spec.type).to.equal('ClusterIP');
    expect(s.spec.selector).to.deep.equal({ app: 'svc-a' });
    expect(s.spec.ports).to.deep.equal([{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }]);
    expect(s.spec.clusterIP).to.match(/^10\.0\.0\.\d+$/);
    expect(s.spec.clusterIPs).to.deep.equal([s.spec.clusterIP]);
    expect(s.spec).to.include({ sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilyPolicy: 'SingleStack' });
  });

  it('a created service reads back as kube-apiserver returns it', async () => {
    const r = await server().kubectl(['get', 'service', 'svc-a', '-o', 'yaml']);
    expect(r.code, r.stderr).to.equal(0);
    const out = lines(r.stdout).map((l) =>
      l
        .replace(/^(  creationTimestamp: )"[^"]+"$/, '$1"<ts>"')
        .replace(/^(  resourceVersion: )"\d+"$/, '$1"<rv>"')
        .replace(/^(  uid: )[0-9a-f-]{36}$/, '$1<uid>')
        .replace(/10\.0\.0\.\d+$/, '<ip>'),
    );
    expect(out).to.deep.equal([
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  creationTimestamp: "<ts>"',
      '  labels:',
      '    app: svc-a',
      '  name: svc-a',
      '  namespace: default',
      '  resourceVersion: "<rv>"',
      '  uid: <uid>',
      'spec:',
      '  clusterIP: <ip>',
      '  clusterIPs:',
      '  - <ip>',
      '  internalTrafficPolicy: Cluster',
      '  ipFamilies:',
      '  - IPv4',
      '  ipFamilyPolicy: SingleStack',
      '  ports:',
      '  - name: 80-8080',
      '    port: 80',
      '    protocol: TCP',
      '    targetPort: 8080',
      '  selector:',
      '    app: svc-a',
      '  sessionAffinity: None',
      '  type: ClusterIP',
      'status:',
      '  loadBalancer: {}',
    ]);
  });

  it('create service nodeport', async () => {
    const r = await server().kubectl(['create', 'service', 'nodeport', 'svc-np', '--tcp=80:8080']);
    expectKubectl(r, { code: 0, stdout: ['service/svc-np created'], stderr: [] });
    const s = await get('/api/v1/namespaces/default/services/svc-np');
    expect(s.spec.type).to.equal('NodePort');
    expect(s.spec.ports[0].nodePort).to.be.within(30000, 32767);
    expect(s.spec.externalTrafficPolicy).to.equal('Cluster');
  });

  it('create serviceaccount', async () => {
    expectKubectl(await server().kubectl(['create', 'serviceaccount', 'robot']), { code: 0, stdout: ['serviceaccount/robot created'], stderr: [] });
    const sa = await get('/api/v1/namespaces/default/serviceaccounts/robot');
    expect(sa.metadata.name).to.equal('robot');
  });

  it('create token', async () => {
    await rest(server(), 'POST', '/api/v1/namespaces/default/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } });
    const r = await server().kubectl(['create', 'token', 'robot', '--audience=compat', '--duration=10m']);
    expect(r.code, r.stderr).to.equal(0);
    const parts = r.stdout.trim().split('.');
    expect(parts).to.have.length(3);
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
    expect(claims.sub).to.equal('system:serviceaccount:default:robot');
    expect(claims.aud).to.deep.equal(['compat']);
    expect(claims.exp - claims.iat).to.equal(600);
  });

  it('run creates a pod with kube-apiserver defaults', async () => {
    const r = await server().kubectl(['run', 'web-pod', '--image=nginx:1.27', '--labels=app=web-pod', '--port=80']);
    expectKubectl(r, { code: 0, stdout: ['pod/web-pod created'], stderr: [] });
    const pod = await get('/api/v1/namespaces/default/pods/web-pod');
    expect(pod.metadata.labels).to.deep.equal({ app: 'web-pod' });
    expect(pod.spec).to.include({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30 });
    expect(pod.spec.containers[0]).to.include({
      name: 'web-pod',
      image: 'nginx:1.27',
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    });
    expect(pod.spec.containers[0].ports).to.deep.equal([{ containerPort: 80, protocol: 'TCP' }]);
    expect(pod.status.phase).to.equal('Pending');
  });

  it('expose deployment', async () => {
    const r = await server().kubectl(['expose', 'deployment', 'web', '--port=80', '--target-port=8080']);
    expectKubectl(r, { code: 0, stdout: ['service/web exposed'], stderr: [] });
    const s = await get('/api/v1/namespaces/default/services/web');
    expect(s.spec.selector).to.deep.equal({ app: 'web' });
    expect(s.spec.ports).to.deep.equal([{ protocol: 'TCP', port: 80, targetPort: 8080 }]);
  });

  it('expose pod', async () => {
    await rest(server(), 'POST', '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'exposed-pod', labels: { app: 'exposed-pod' } },
      spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] },
    });
    const r = await server().kubectl(['expose', 'pod', 'exposed-pod', '--name=exposed-pod-svc', '--type=NodePort']);
    expectKubectl(r, { code: 0, stdout: ['service/exposed-pod-svc exposed'], stderr: [] });
    const s = await get('/api/v1/namespaces/default/services/exposed-pod-svc');
    expect(s.spec.type).to.equal('NodePort');
    expect(s.spec.selector).to.deep.equal({ app: 'exposed-pod' });
  });

  // kube-apiserver records managedFields on every write, server-side apply or not.
  it('create records who manages the fields', async () => {
    await server().kubectlOk(['create', 'configmap', 'managed', '--from-literal=a=b']);
    const out = await server().kubectlOk(['get', 'cm', 'managed', '-o', 'jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}/{.fieldsType}{"\\n"}{end}']);
    expect(out).to.equal('kubectl-create/Update/FieldsV1\n');
  });

  it('create --dry-run=server validates and stores nothing', async () => {
    const r = await server().kubectl(['create', 'configmap', 'dry-srv', '--from-literal=a=b', '--dry-run=server']);
    expectKubectl(r, { code: 0, stdout: ['configmap/dry-srv created (server dry run)'], stderr: [] });
    expect((await rest(server(), 'GET', '/api/v1/namespaces/default/configmaps/dry-srv')).status).to.equal(404);
  });

  it('create --dry-run=server reports a name clash as the real create would', async () => {
    const r = await server().kubectl(['create', 'configmap', 'cm-lit', '--from-literal=a=b', '--dry-run=server']);
    expectKubectl(r, { code: 1, stderr: ['error: failed to create configmap: configmaps "cm-lit" already exists'] });
  });

  it('create --dry-run=client prints and stores nothing', async () => {
    const r = await server().kubectl(['create', 'configmap', 'dry-cli', '--from-literal=a=b', '--dry-run=client']);
    expectKubectl(r, { code: 0, stdout: ['configmap/dry-cli created (dry run)'], stderr: [] });
    expect((await rest(server(), 'GET', '/api/v1/namespaces/default/configmaps/dry-cli')).status).to.equal(404);
  });

  it('create deployment --dry-run=server -o yaml returns the defaulted object without storing it', async () => {
    const out = await server().kubectlOk([
      'create',
      'deployment',
      'dry-dep',
      '--image=nginx',
      '--dry-run=server',
      '-o',
      'jsonpath={.spec.replicas} {.spec.strategy.type} {.metadata.uid}',
    ]);
    const [replicas, strategy] = out.split(' ');
    expect([replicas, strategy]).to.deep.equal(['1', 'RollingUpdate']);
    expect((await rest(server(), 'GET', '/apis/apps/v1/namespaces/default/deployments/dry-dep')).status).to.equal(404);
  });
});
