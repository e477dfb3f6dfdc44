import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { expect } from 'chai';
import path from 'node:path';
import { startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';
import { testPKI } from './support/test-pki';
import { startAdmissionWebhookServer, type AdmissionWebhookServer } from './support/admission-webhook-server';
import type { J } from '@kapi/apiserver-core';

/** A port nothing listens on: a dead webhook. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

function pod(name: string, testCase: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { 'webhook-test': testCase } },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
  });
}

function configuration(kind: 'Mutating' | 'Validating', name: string, hook: Record<string, unknown>, testCase: string): string {
  return JSON.stringify({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: `${kind}WebhookConfiguration`,
    metadata: { name },
    webhooks: [
      {
        rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
        objectSelector: { matchLabels: { 'webhook-test': testCase } },
        sideEffects: 'None',
        admissionReviewVersions: ['v1'],
        ...hook,
      },
    ],
  });
}

async function getPod(url: string, name: string) {
  const r = await kubectl(url, ['get', 'pod', name, '-n', 'default', '-o', 'json']);
  return r.code === 0 ? JSON.parse(r.stdout) : undefined;
}

describe('admission webhooks: a real HTTPS webhook server with its own CA, driven by kubectl', function () {
  this.timeout(180_000);
  let kapi: KapiProcess;
  let hooks: AdmissionWebhookServer;
  let deadURL: string;

  before(async () => {
    hooks = await startAdmissionWebhookServer({
      '/sidecar': (req) => ({
        allowed: true,
        warnings: ['sidecar injected by sidecar.example.dev'],
        patch: [
          { op: 'add', path: '/metadata/labels/injected', value: 'true' },
          { op: 'add', path: '/spec/containers/-', value: { name: 'sidecar', image: 'busybox' } },
        ].filter(() => req.object.spec.containers.every((c: { name: string }) => c.name !== 'sidecar')),
      }),
      '/deny-by-name': (req) =>
        req.object.metadata.name.startsWith('deny-') ? { allowed: false, status: { message: `pod name ${req.object.metadata.name} is not allowed` } } : { allowed: true },
      '/slow': () => ({ allowed: true, delayMs: 3000 }),
      // reinvocation: "first" records whether it saw the label "second" adds; only a second call can see it.
      '/first': (req) => ({
        allowed: true,
        patch: [{ op: 'add', path: '/metadata/annotations', value: { 'first-saw-second': String(req.object.metadata.labels?.second === 'done') } }],
      }),
      '/second': () => ({ allowed: true, patch: [{ op: 'add', path: '/metadata/labels/second', value: 'done' }] }),
      '/invalid': () => ({ allowed: true, patch: [{ op: 'replace', path: '/spec/containers/0/name', value: 'Not_A_DNS_Label' }] }),
      '/bad-patch': () => ({ allowed: true, patch: [{ op: 'remove', path: '/spec/nothing/here' }] }),
      '/deny-connect': (req) => ({ allowed: false, status: { message: `no ${req.subResource} into ${req.name} (${req.operation})` } }),
      '/dry': () => ({ allowed: true, patch: [{ op: 'add', path: '/metadata/labels/dry', value: 'seen' }] }),
      // matchPolicy Equivalent: the webhook knows only autoscaling/v2 and patches a v2-only field.
      '/hpa-v2': (req) => ({
        allowed: true,
        patch: [
          { op: 'add', path: '/metadata/labels', value: { 'seen-as': req.object.apiVersion.replace('/', '-') } },
          { op: 'add', path: '/spec/behavior', value: { scaleDown: { stabilizationWindowSeconds: 60 } } },
        ],
      }),
    });
    deadURL = `https://127.0.0.1:${await closedPort()}/dead`;
    kapi = await startKapi(['--storage-backend', 'memory']);
  });
  after(async () => {
    await kapi?.stop();
    await hooks?.close();
  });

  const apply = (input: string) => kubectlOk(kapi.url, ['apply', '-f', '-'], { input });

  it('a mutating webhook adds a label and a sidecar to a pod; kubectl apply prints its warning', async () => {
    await apply(configuration('Mutating', 'sidecar', { name: 'sidecar.example.dev', clientConfig: { url: hooks.url('/sidecar'), caBundle: hooks.caBundle } }, 'sidecar'));
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: pod('with-sidecar', 'sidecar') });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.include('Warning: sidecar injected by sidecar.example.dev');
    const stored = await getPod(kapi.url, 'with-sidecar');
    expect(stored.metadata.labels).to.include({ injected: 'true' });
    expect(stored.spec.containers.map((c: { name: string }) => c.name)).to.deep.equal(['app', 'sidecar']);
    // the patched object went through the pod strategy's defaulting too
    expect(stored.spec.containers[1].terminationMessagePath).to.equal('/dev/termination-log');
    const review = hooks.received.get('/sidecar')![0];
    expect(review).to.include({ operation: 'CREATE', namespace: 'default', name: 'with-sidecar', dryRun: false });
    expect(review.resource).to.deep.equal({ group: '', version: 'v1', resource: 'pods' });
    expect(review.userInfo.username).to.equal('kubernetes-admin');
  });

  it("a validating webhook denies by name with kube's message, and nothing is stored", async () => {
    await apply(configuration('Validating', 'deny-by-name', { name: 'deny.example.dev', clientConfig: { url: hooks.url('/deny-by-name'), caBundle: hooks.caBundle } }, 'deny'));
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: pod('deny-me', 'deny') });
    expect(r.stderr).to.include('admission webhook "deny.example.dev" denied the request: pod name deny-me is not allowed');
    expect(await getPod(kapi.url, 'deny-me')).to.equal(undefined);
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: pod('allow-me', 'deny') });
  });

  it('a dead webhook fails the request with failurePolicy Fail and is skipped with Ignore', async () => {
    await apply(configuration('Validating', 'dead-fail', { name: 'dead.example.dev', clientConfig: { url: deadURL, caBundle: hooks.caBundle } }, 'dead-fail'));
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: pod('dead-fail', 'dead-fail') });
    expect(r.stderr).to.include(
      `Internal error occurred: failed calling webhook "dead.example.dev": failed to call webhook: Post "${deadURL}?timeout=10s": dial tcp ${new URL(deadURL).host}: connect: connection refused`,
    );
    expect(await getPod(kapi.url, 'dead-fail')).to.equal(undefined);
    await apply(
      configuration('Validating', 'dead-ignore', { name: 'dead.example.dev', failurePolicy: 'Ignore', clientConfig: { url: deadURL, caBundle: hooks.caBundle } }, 'dead-ignore'),
    );
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: pod('dead-ignore', 'dead-ignore') });
  });

  it('a slow webhook is given up after timeoutSeconds: Fail refuses, Ignore admits', async () => {
    await apply(
      configuration('Validating', 'slow-fail', { name: 'slow.example.dev', timeoutSeconds: 1, clientConfig: { url: hooks.url('/slow'), caBundle: hooks.caBundle } }, 'slow-fail'),
    );
    const started = Date.now();
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: pod('slow-fail', 'slow-fail') });
    expect(Date.now() - started).to.be.below(2900);
    expect(r.stderr).to.include(`failed calling webhook "slow.example.dev": failed to call webhook: Post "${hooks.url('/slow')}?timeout=1s": context deadline exceeded`);
    await apply(
      configuration(
        'Validating',
        'slow-ignore',
        { name: 'slow.example.dev', failurePolicy: 'Ignore', timeoutSeconds: 1, clientConfig: { url: hooks.url('/slow'), caBundle: hooks.caBundle } },
        'slow-ignore',
      ),
    );
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: pod('slow-ignore', 'slow-ignore') });
  });

  it('a webhook whose CA is not the caBundle is a failed call', async () => {
    // the apiserver's own test CA: it did not sign the webhook's serving certificate
    const otherCA = fs.readFileSync((await testPKI()).caFile).toString('base64');
    await apply(configuration('Validating', 'wrong-ca', { name: 'wrongca.example.dev', clientConfig: { url: hooks.url('/deny-by-name'), caBundle: otherCA } }, 'wrong-ca'));
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: pod('wrong-ca', 'wrong-ca') });
    expect(r.stderr)
      .to.include('failed calling webhook "wrongca.example.dev": failed to call webhook: Post')
      .and.include('tls: failed to verify certificate: x509: certificate signed by unknown authority');
    expect(await getPod(kapi.url, 'wrong-ca')).to.equal(undefined);
  });

  it("a patched object is validated again: a webhook that breaks it gets the pod's 422, nothing stored", async () => {
    await apply(configuration('Mutating', 'breaks-it', { name: 'invalid.example.dev', clientConfig: { url: hooks.url('/invalid'), caBundle: hooks.caBundle } }, 'invalid'));
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: pod('broken', 'invalid') });
    expect(r.stderr).to.include('The Pod "broken" is invalid').and.include('spec.containers[0].name: Invalid value: "Not_A_DNS_Label"');
    expect(await getPod(kapi.url, 'broken')).to.equal(undefined);
  });

  it('a patch that does not apply is a 500 and nothing is stored', async () => {
    await apply(configuration('Mutating', 'bad-patch', { name: 'badpatch.example.dev', clientConfig: { url: hooks.url('/bad-patch'), caBundle: hooks.caBundle } }, 'bad-patch'));
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: pod('bad-patch', 'bad-patch') });
    expect(r.stderr).to.include('Internal error occurred');
    expect(await getPod(kapi.url, 'bad-patch')).to.equal(undefined);
  });

  it('a dry-run request reaches a webhook with sideEffects NoneOnDryRun, flagged dryRun, and stores nothing', async () => {
    await apply(
      configuration('Mutating', 'dry', { name: 'dry.example.dev', sideEffects: 'NoneOnDryRun', clientConfig: { url: hooks.url('/dry'), caBundle: hooks.caBundle } }, 'dry'),
    );
    const out = JSON.parse(await kubectlOk(kapi.url, ['apply', '--dry-run=server', '-o', 'json', '-f', '-'], { input: pod('dry', 'dry') }));
    expect(out.metadata.labels).to.include({ dry: 'seen' });
    expect(hooks.received.get('/dry')![0].dryRun).to.equal(true);
    expect(await getPod(kapi.url, 'dry')).to.equal(undefined);
  });

  it('CONNECT subresources are admitted too: a webhook on pods/exec refuses kubectl exec', async () => {
    await apply(
      JSON.stringify({
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingWebhookConfiguration',
        metadata: { name: 'no-exec' },
        webhooks: [
          {
            name: 'noexec.example.dev',
            sideEffects: 'None',
            admissionReviewVersions: ['v1'],
            rules: [{ operations: ['CONNECT'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods/exec'] }],
            clientConfig: { url: hooks.url('/deny-connect'), caBundle: hooks.caBundle },
          },
        ],
      }),
    );
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: pod('exec-target', 'none') });
    const r = await kubectl(kapi.url, ['exec', 'exec-target', '-n', 'default', '--', 'true']);
    expect(r.code).to.not.equal(0);
    expect(r.stderr).to.include('admission webhook "noexec.example.dev" denied the request: no exec into exec-target (CONNECT)');
  });

  it('matchConditions: a false condition skips the webhook; an error fails closed with Fail and skips with Ignore', async () => {
    const conditions = [{ name: 'not-exempt', expression: "object.metadata.name != 'deny-exempt'" }];
    await apply(
      configuration(
        'Validating',
        'conditional',
        { name: 'cond.example.dev', matchConditions: conditions, clientConfig: { url: hooks.url('/deny-by-name'), caBundle: hooks.caBundle } },
        'cond',
      ),
    );
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: pod('deny-exempt', 'cond') });
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: pod('deny-other', 'cond') });
    expect(r.stderr).to.include('admission webhook "cond.example.dev" denied the request: pod name deny-other is not allowed');
    const erring = [{ name: 'errs', expression: "object.metadata.annotations.nope == 'x'" }];
    await apply(
      configuration('Validating', 'cond-error', { name: 'conderr.example.dev', matchConditions: erring, clientConfig: { url: deadURL, caBundle: hooks.caBundle } }, 'cond-error'),
    );
    const failed = await kubectl(kapi.url, ['apply', '-f', '-'], { input: pod('cond-error', 'cond-error') });
    expect(failed.stderr, failed.stderr).to.include(`pods "cond-error" is forbidden: expression 'object.metadata.annotations.nope == 'x'' resulted in error: no such key: nope`);
    expect(await getPod(kapi.url, 'cond-error')).to.equal(undefined);
    await apply(
      configuration(
        'Validating',
        'cond-ignore',
        { name: 'condign.example.dev', failurePolicy: 'Ignore', matchConditions: erring, clientConfig: { url: deadURL, caBundle: hooks.caBundle } },
        'cond-ignore',
      ),
    );
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: pod('cond-ignore', 'cond-ignore') });
  });

  it('matchPolicy Equivalent: a v2-only webhook is called for an autoscaling/v1 request with the object converted, and its patch comes back', async () => {
    const hpaRule = { operations: ['CREATE'], apiGroups: ['autoscaling'], apiVersions: ['v2'], resources: ['horizontalpodautoscalers'] };
    const webhooks = (name: string, matchPolicy: string) =>
      JSON.stringify({
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'MutatingWebhookConfiguration',
        metadata: { name },
        webhooks: [
          {
            name: `${name}.example.dev`,
            matchPolicy,
            rules: [hpaRule],
            objectSelector: { matchLabels: { 'webhook-test': name } },
            clientConfig: { url: hooks.url('/hpa-v2'), caBundle: hooks.caBundle },
            sideEffects: 'None',
            admissionReviewVersions: ['v1'],
          },
        ],
      });
    const hpaV1 = (name: string) =>
      JSON.stringify({
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name, namespace: 'default', labels: { 'webhook-test': name } },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 70 },
      });
    await apply(webhooks('hpa-equivalent', 'Equivalent'));
    await apply(webhooks('hpa-exact', 'Exact'));
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: hpaV1('hpa-equivalent') });
    await kubectlOk(kapi.url, ['create', '-f', '-'], { input: hpaV1('hpa-exact') });
    const review = hooks.received.get('/hpa-v2')!.find((r: J) => r.name === 'hpa-equivalent')!;
    expect(review.kind).to.deep.equal({ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' });
    expect(review.resource).to.deep.equal({ group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' });
    expect(review.requestKind).to.deep.equal({ group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler' });
    expect(review.requestResource).to.deep.equal({ group: 'autoscaling', version: 'v1', resource: 'horizontalpodautoscalers' });
    expect(review.object.apiVersion).to.equal('autoscaling/v2');
    expect(review.object.spec.metrics).to.deep.equal([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
    // Exact: the v2 rule does not match a v1 request, so the webhook is not called.
    expect(hooks.received.get('/hpa-v2')!.some((r: J) => r.name === 'hpa-exact')).to.equal(false);
    const stored = JSON.parse(await kubectlOk(kapi.url, ['get', 'horizontalpodautoscalers.v2.autoscaling', 'hpa-equivalent', '-n', 'default', '-o', 'json']));
    expect(stored.metadata.labels).to.deep.equal({ 'seen-as': 'autoscaling-v2' });
    expect(stored.spec.behavior.scaleDown.stabilizationWindowSeconds).to.equal(60);
  });

  it('reinvocationPolicy IfNeeded calls a webhook again after a later webhook changed the object', async () => {
    await apply(
      configuration(
        'Mutating',
        'r1-first',
        { name: 'first.example.dev', reinvocationPolicy: 'IfNeeded', clientConfig: { url: hooks.url('/first'), caBundle: hooks.caBundle } },
        'reinvoke',
      ),
    );
    await apply(configuration('Mutating', 'r2-second', { name: 'second.example.dev', clientConfig: { url: hooks.url('/second'), caBundle: hooks.caBundle } }, 'reinvoke'));
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: pod('reinvoked', 'reinvoke') });
    const stored = await getPod(kapi.url, 'reinvoked');
    expect(stored.metadata.labels).to.include({ second: 'done' });
    expect(stored.metadata.annotations).to.include({ 'first-saw-second': 'true' });
    expect(hooks.received.get('/first')).to.have.length(2);
  });
});

/** An address of this machine the API server may connect to (not loopback): where a service's endpoints can point. */
function hostAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

describe("admission webhooks referenced by service, resolved through the service's Endpoints", function () {
  this.timeout(180_000);
  let kapi: KapiProcess;
  let hooks: AdmissionWebhookServer & { port: number };
  const address = hostAddress();

  before(async function () {
    if (!address) this.skip();
    hooks = await startAdmissionWebhookServer(
      {
        '/deny-by-name': (req) =>
          req.object.metadata.name.startsWith('deny-') ? { allowed: false, status: { message: `pod name ${req.object.metadata.name} is not allowed` } } : { allowed: true },
      },
      { hosts: ['hooks.default.svc'], listenHost: address },
    );
    kapi = await startKapi(['--storage-backend', 'memory']);
  });
  after(async () => {
    await kapi?.stop();
    await hooks?.close();
  });

  const serviceHook = (name: string, service: string, testCase: string) =>
    configuration(
      'Validating',
      name,
      {
        name: `${name}.example.dev`,
        clientConfig: { service: { namespace: 'default', name: service, path: '/deny-by-name' }, caBundle: hooks.caBundle },
      },
      testCase,
    );

  it('calls the webhook at an endpoint of the service, verifying the certificate for <service>.<namespace>.svc', async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'hooks', namespace: 'default' },
        spec: { ports: [{ name: 'https', port: 443, targetPort: hooks.port }] },
      }),
    });
    await kubectlOk(kapi.url, ['apply', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'hooks', namespace: 'default' },
        subsets: [{ addresses: [{ ip: address }], ports: [{ name: 'https', port: hooks.port }] }],
      }),
    });
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: serviceHook('by-service', 'hooks', 'by-service') });
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: pod('deny-via-service', 'by-service') });
    expect(r.stderr).to.include('admission webhook "by-service.example.dev" denied the request: pod name deny-via-service is not allowed');
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: pod('allowed-via-service', 'by-service') });
    expect(hooks.received.get('/deny-by-name')).to.have.length(2);
  });

  it('a service that does not exist is a failed call under failurePolicy Fail', async () => {
    await kubectlOk(kapi.url, ['apply', '-f', '-'], { input: serviceHook('missing', 'missing', 'missing') });
    const r = await kubectl(kapi.url, ['apply', '-f', '-'], { input: pod('missing-service', 'missing') });
    expect(r.stderr).to.include(
      'Internal error occurred: failed calling webhook "missing.example.dev": failed to call webhook: Post "https://missing.default.svc:443/deny-by-name?timeout=10s": services "missing" not found',
    );
  });
});

describe('admission webhooks: audit annotations', function () {
  this.timeout(120_000);

  it("a webhook's auditAnnotations reach the request's audit event as <webhook>/<key>, also when it denies", async () => {
    const tmp = tempDir();
    const hooks = await startAdmissionWebhookServer({
      '/audited': (req) => ({ allowed: req.object.metadata.name !== 'refused', status: { message: 'no' }, auditAnnotations: { decision: req.object.metadata.name } }),
    });
    const policy = path.join(tmp.dir, 'policy.yaml');
    const log = path.join(tmp.dir, 'audit.log');
    fs.writeFileSync(policy, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources: [{group: "", resources: ["pods"]}]\n');
    const kapi = await startKapi(['--storage-backend', 'memory', '--audit-policy-file', policy, '--audit-log-path', log]);
    try {
      await kubectlOk(kapi.url, ['apply', '-f', '-'], {
        input: configuration('Validating', 'audited', { name: 'audited.example.dev', clientConfig: { url: hooks.url('/audited'), caBundle: hooks.caBundle } }, 'audited'),
      });
      await kubectlOk(kapi.url, ['create', '-f', '-'], { input: pod('accepted', 'audited') });
      await kubectl(kapi.url, ['create', '-f', '-'], { input: pod('refused', 'audited') });
      const events = fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .filter((e) => e.verb === 'create' && e.objectRef?.resource === 'pods' && e.stage === 'ResponseComplete');
      const codeOf = (decision: string) => events.find((e) => e.annotations?.['audited.example.dev/decision'] === decision)?.responseStatus.code;
      expect(codeOf('accepted')).to.equal(201);
      expect(codeOf('refused')).to.equal(403);
    } finally {
      await kapi.stop();
      await hooks.close();
      tmp.cleanup();
    }
  });
});
