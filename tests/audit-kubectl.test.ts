import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';

interface AuditEvent {
  kind: string;
  apiVersion: string;
  level: string;
  auditID: string;
  stage: string;
  requestURI: string;
  verb: string;
  user: Record<string, unknown>;
  sourceIPs: string[];
  userAgent: string;
  objectRef?: Record<string, string>;
  responseStatus?: { metadata: object; code: number; status?: string; reason?: string; message?: string };
  requestObject?: { metadata?: Record<string, unknown>; data?: Record<string, string> } & Record<string, unknown>;
  responseObject?: Record<string, unknown>;
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations?: Record<string, string>;
}

const policy = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: None
  nonResourceURLs: ["/api", "/api/*", "/apis", "/apis/*", "/openapi/*", "/version"]
- level: Metadata
  resources: [{group: "", resources: ["secrets"]}]
- level: RequestResponse
  resources: [{group: "", resources: ["configmaps"]}]
  omitStages: [RequestReceived]
- level: Metadata
  verbs: [watch]
`;

const microTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const secretValue = 's3cr3t-audit-value';

function readEvents(file: string): AuditEvent[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEvent);
}

/** The event of one request: its verb, resource and name, at ResponseComplete. */
function completed(events: AuditEvent[], verb: string, resource: string, name?: string): AuditEvent {
  const found = events.filter((e) => e.stage === 'ResponseComplete' && e.verb === verb && e.objectRef?.resource === resource && e.objectRef?.name === name);
  expect(found, `${verb} ${resource}/${name ?? ''}`).to.have.length.at.least(1);
  return found[0];
}

/** The fields every kubectl event has, whatever its level. */
function expectCommon(ev: AuditEvent, level: string): void {
  expect(ev.kind).to.equal('Event');
  expect(ev.apiVersion).to.equal('audit.k8s.io/v1');
  expect(ev.level).to.equal(level);
  expect(ev.auditID).to.match(/^[0-9a-f-]{36}$/);
  expect(ev.sourceIPs).to.deep.equal(['127.0.0.1']);
  expect(ev.userAgent).to.match(/^kubectl\/v1\.32/);
  expect(ev.user).to.be.an('object');
  expect(ev.requestReceivedTimestamp).to.match(microTime);
  expect(ev.stageTimestamp).to.match(microTime);
  expect(ev.stageTimestamp >= ev.requestReceivedTimestamp).to.equal(true);
}

describe('audit: kapi server with --audit-policy-file and --audit-log-path, driven by kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  let tmp: ReturnType<typeof tempDir>;
  let logFile: string;

  before(async () => {
    tmp = tempDir('kapi-audit-');
    writeFileSync(path.join(tmp.dir, 'policy.yaml'), policy);
    logFile = path.join(tmp.dir, 'logs', 'audit.log');
    kapi = await startKapi([
      '--storage-backend',
      'memory',
      '--audit-policy-file',
      path.join(tmp.dir, 'policy.yaml'),
      '--audit-log-path',
      logFile,
      '--audit-log-maxsize',
      '10',
      '--audit-log-maxbackup',
      '2',
    ]);
    await kubectlOk(kapi.url, ['create', 'configmap', 'audited', '--from-literal=color=blue']);
    await kubectlOk(kapi.url, ['get', 'configmap', 'audited', '-o', 'json']);
    await kubectlOk(kapi.url, ['create', 'secret', 'generic', 'hidden', `--from-literal=password=${secretValue}`]);
    const shown = await kubectlOk(kapi.url, ['get', 'secret', 'hidden', '-o', 'yaml']);
    expect(shown).to.include(Buffer.from(secretValue).toString('base64'));
    await kubectlOk(kapi.url, ['delete', 'configmap', 'audited']);
    await kubectlOk(kapi.url, ['delete', 'secret', 'hidden']);
    await kubectl(kapi.url, ['get', 'configmaps', '--watch', '--request-timeout=2s']);
  });
  after(async () => {
    await kapi?.stop();
    tmp?.cleanup();
  });

  it('configmap create/get/delete at RequestResponse, field by field', () => {
    const events = readEvents(logFile);
    const create = completed(events, 'create', 'configmaps', 'audited');
    expectCommon(create, 'RequestResponse');
    expect(create.requestURI).to.equal('/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create&fieldValidation=Strict');
    expect(create.objectRef).to.deep.equal({ resource: 'configmaps', namespace: 'default', name: 'audited', apiVersion: 'v1' });
    expect(create.responseStatus).to.deep.equal({ metadata: {}, code: 201 });
    expect(create.requestObject).to.deep.include({ kind: 'ConfigMap', apiVersion: 'v1', data: { color: 'blue' } });
    expect(create.requestObject!.metadata).to.deep.equal({ name: 'audited', creationTimestamp: null });
    expect(create.responseObject).to.deep.include({ kind: 'ConfigMap', data: { color: 'blue' } });
    expect((create.responseObject!.metadata as { uid: string }).uid).to.be.a('string');

    const get = completed(events, 'get', 'configmaps', 'audited');
    expectCommon(get, 'RequestResponse');
    expect(get.requestURI).to.equal('/api/v1/namespaces/default/configmaps/audited');
    expect(get.responseStatus).to.deep.equal({ metadata: {}, code: 200 });
    expect(get).to.not.have.property('requestObject');
    expect(get.responseObject).to.deep.include({ kind: 'ConfigMap', data: { color: 'blue' } });

    const del = completed(events, 'delete', 'configmaps', 'audited');
    expectCommon(del, 'RequestResponse');
    expect(del.requestObject).to.deep.include({ kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1' });
    expect(del.responseStatus).to.include({ code: 200, status: 'Success' });
  });

  it('secret create/get/delete at Metadata: no body, and the value appears nowhere in the log', () => {
    const text = readFileSync(logFile, 'utf8');
    expect(text).to.not.include(secretValue);
    expect(text).to.not.include(Buffer.from(secretValue).toString('base64'));
    const events = readEvents(logFile);
    for (const [verb, code] of [
      ['create', 201],
      ['get', 200],
      ['delete', 200],
    ] as const) {
      const ev = completed(events, verb, 'secrets', 'hidden');
      expectCommon(ev, 'Metadata');
      expect(ev.objectRef).to.deep.equal({ resource: 'secrets', namespace: 'default', name: 'hidden', apiVersion: 'v1' });
      expect(ev.responseStatus!.code).to.equal(code);
      expect(ev).to.not.have.any.keys('requestObject', 'responseObject');
    }
  });

  it('omits the RequestReceived stage, audits nothing at None, and a watch has ResponseStarted then ResponseComplete', () => {
    const events = readEvents(logFile);
    expect(events.filter((e) => e.stage === 'RequestReceived')).to.have.length(0);
    expect(events.filter((e) => e.requestURI === '/api' || e.requestURI.startsWith('/apis') || e.requestURI.startsWith('/openapi'))).to.have.length(0);
    const watch = events.filter((e) => e.verb === 'watch' && e.objectRef?.resource === 'configmaps' && e.userAgent.startsWith('kubectl/'));
    const byID = watch.filter((e) => e.auditID === watch[0]?.auditID);
    expect(byID.map((e) => [e.stage, e.responseStatus?.code])).to.deep.equal([
      ['ResponseStarted', 200],
      ['ResponseComplete', 200],
    ]);
  });
});

describe('audit: start-up and the webhook backend through the kapi command', function () {
  this.timeout(120_000);
  let tmp: ReturnType<typeof tempDir>;
  before(() => (tmp = tempDir('kapi-audit-webhook-')));
  after(() => tmp.cleanup());

  it("an invalid policy stops start-up with kube's validation error", async () => {
    const file = path.join(tmp.dir, 'bad.yaml');
    writeFileSync(file, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  nonResourceURLs: ["healthz"]\n');
    const err = await startKapi(['--storage-backend', 'memory', '--audit-policy-file', file, '--audit-log-path', path.join(tmp.dir, 'a.log')]).then(
      async (k) => {
        await k.stop();
        return undefined;
      },
      (e: Error) => e,
    );
    expect(err?.message).to.include('exited with 1');
    expect(err?.message).to.include(
      `loading audit policy file: rules[0].nonResourceURLs[0]: Invalid value: "healthz": non-resource URL rules must begin with a '/' character: from file ${file}`,
    );
  });

  it('batch mode holds events for max-wait, and SIGTERM flushes them to the HTTPS receiver as an EventList', async () => {
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: tmp.dir, stdio: 'pipe' });
    run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=audit-ca');
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(path.join(tmp.dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
    run('x509', '-req', '-in', 'srv.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'srv.crt', '-days', '1', '-extfile', 'san.ext');
    const batches: { kind: string; apiVersion: string; items: AuditEvent[] }[] = [];
    const receiver = https.createServer({ key: readFileSync(path.join(tmp.dir, 'srv.key')), cert: readFileSync(path.join(tmp.dir, 'srv.crt')) }, (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        batches.push(JSON.parse(body));
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const port = (receiver.address() as AddressInfo).port;
      const kubeconfig = path.join(tmp.dir, 'webhook.kubeconfig');
      writeFileSync(
        kubeconfig,
        `apiVersion: v1\nkind: Config\nclusters:\n- name: r\n  cluster:\n    server: https://127.0.0.1:${port}/events\n    certificate-authority: ${path.join(tmp.dir, 'ca.crt')}\ncontexts:\n- name: r\n  context: {cluster: r, user: u}\ncurrent-context: r\nusers:\n- name: u\n  user: {}\n`,
      );
      const policyFile = path.join(tmp.dir, 'policy.yaml');
      writeFileSync(policyFile, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources: [{group: "", resources: ["configmaps"]}]\n');
      const kapi = await startKapi([
        '--storage-backend',
        'memory',
        '--audit-policy-file',
        policyFile,
        '--audit-webhook-config-file',
        kubeconfig,
        '--audit-webhook-batch-max-wait',
        '60s',
      ]);
      let code: number | null;
      try {
        await kubectlOk(kapi.url, ['create', 'configmap', 'hooked']);
        await new Promise((r) => setTimeout(r, 300));
        expect(batches).to.have.length(0);
      } finally {
        code = await kapi.stop();
      }
      expect(code).to.equal(0);
      const items = batches.flatMap((b) => b.items);
      expect(batches[0]).to.include({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1' });
      // The name of a create is known once the body is read: RequestReceived has none, as in kube.
      const auditID = items.find((e) => e.verb === 'create' && e.objectRef?.name === 'hooked')?.auditID;
      const create = items.filter((e) => e.auditID === auditID);
      expect(create.map((e) => [e.stage, e.objectRef?.name])).to.deep.equal([
        ['RequestReceived', undefined],
        ['ResponseComplete', 'hooked'],
      ]);
      expect(create[1].responseStatus).to.deep.equal({ metadata: {}, code: 201 });
    } finally {
      receiver.closeAllConnections();
      await new Promise((r) => receiver.close(r));
    }
  });
});
