import { expect } from 'chai';
import { Agent, fetch } from 'undici';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultAuditOptions, type audit } from '@kapi/apiserver-core';
import { createServer, type KapiServer } from './composition/create-server';

const policy = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: Metadata
  resources: [{group: "", resources: ["secrets"]}]
- level: RequestResponse
  resources: [{group: "", resources: ["configmaps"]}]
  namespaces: ["kube-public"]
  omitManagedFields: true
- level: RequestResponse
  resources: [{group: "", resources: ["configmaps"]}]
- level: Request
  resources: [{group: "apps"}]
- level: None
`;

const secretValue = 'hunter2-very-secret';
const secretBase64 = Buffer.from(secretValue).toString('base64');

describe('audit in the server chain: one event per level, from the real handlers and Store', () => {
  let dir: string;
  let server: KapiServer;
  let logFile: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'audit-chain-'));
    writeFileSync(path.join(dir, 'policy.yaml'), policy);
    logFile = path.join(dir, 'audit.log');
    const auditOpts = defaultAuditOptions();
    auditOpts.policyFile = path.join(dir, 'policy.yaml');
    auditOpts.log.path = logFile;
    server = await createServer({ controllers: [], audit: auditOpts });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function send(method: string, p: string, body?: unknown): Promise<string> {
    const res = await fetch(server.url + p, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher: new Agent({ connect: server.tls }),
    });
    await res.text();
    return res.headers.get('Audit-Id') ?? '';
  }

  function linesOf(auditID: string): string[] {
    return readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((l) => l.includes(`"auditID":"${auditID}"`));
  }

  it('a Secret at Metadata: who, what and the answer, and nothing of its data anywhere in the line', async () => {
    const id = await send('POST', '/api/v1/namespaces/default/secrets', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's1' },
      data: { password: secretBase64 },
      stringData: { token: secretValue },
    });
    const getID = await send('GET', '/api/v1/namespaces/default/secrets/s1');
    for (const auditID of [id, getID]) {
      const lines = linesOf(auditID);
      expect(lines).to.have.length(1);
      expect(lines[0]).to.not.include(secretValue);
      expect(lines[0]).to.not.include(secretBase64);
      expect(lines[0]).to.not.include('"data"');
      const ev = JSON.parse(lines[0]) as audit.Event;
      expect(ev.level).to.equal('Metadata');
      expect(ev).to.not.have.any.keys('requestObject', 'responseObject');
      expect(ev.objectRef).to.deep.equal({ resource: 'secrets', namespace: 'default', name: 's1', apiVersion: 'v1' });
    }
    expect(JSON.parse(linesOf(id)[0]).responseStatus).to.deep.equal({ metadata: {}, code: 201 });
  });

  it('Request level: the request body, no response body', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd1' },
      spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    };
    const id = await send('POST', '/apis/apps/v1/namespaces/default/deployments', deployment);
    const ev = JSON.parse(linesOf(id)[0]) as audit.Event;
    expect(ev.level).to.equal('Request');
    expect(ev.objectRef).to.deep.equal({ resource: 'deployments', namespace: 'default', name: 'd1', apiGroup: 'apps', apiVersion: 'v1' });
    // The object as the client sent it, not as the Store filled it in.
    expect(ev.requestObject).to.deep.equal(deployment);
    expect(ev).to.not.have.property('responseObject');
  });

  it('RequestResponse: both bodies; omitManagedFields strips managedFields from both', async () => {
    const managedFields = [{ manager: 'test', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } }];
    const kept = await send('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept', managedFields }, data: { a: '1' } });
    const trimmed = await send('POST', '/api/v1/namespaces/kube-public/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'trimmed', managedFields },
      data: { a: '1' },
    });
    const keptEv = JSON.parse(linesOf(kept)[0]) as audit.Event;
    const trimmedEv = JSON.parse(linesOf(trimmed)[0]) as audit.Event;
    expect(keptEv.level).to.equal('RequestResponse');
    expect((keptEv.requestObject as { metadata: object }).metadata).to.have.property('managedFields');
    expect((keptEv.responseObject as { metadata: object }).metadata).to.have.property('managedFields');
    expect((keptEv.responseObject as { data: object }).data).to.deep.equal({ a: '1' });
    expect(trimmedEv.requestObject).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'trimmed' }, data: { a: '1' } });
    expect((trimmedEv.responseObject as { data: object }).data).to.deep.equal({ a: '1' });
    expect((trimmedEv.responseObject as { metadata: object }).metadata).to.not.have.property('managedFields');
    expect((trimmedEv.responseObject as { metadata: { uid?: string } }).metadata.uid).to.be.a('string');
  });

  it('delete records the DeleteOptions and the Success Status', async () => {
    await send('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gone' } });
    const id = await send('DELETE', '/api/v1/namespaces/default/configmaps/gone', { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
    const ev = JSON.parse(linesOf(id)[0]) as audit.Event;
    expect(ev.verb).to.equal('delete');
    expect(ev.requestObject).to.deep.equal({ kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1', propagationPolicy: 'Background' });
    expect(ev.responseStatus).to.include({ status: 'Success', code: 200 });
  });

  it('a rule at None, and no rule at all, write nothing', async () => {
    const id = await send('GET', '/api/v1/namespaces');
    const healthz = await send('GET', '/healthz');
    expect(linesOf(id)).to.have.length(0);
    expect(linesOf(healthz)).to.have.length(0);
  });
});

describe('audit options at start-up', () => {
  it("an invalid policy file stops the server chain with kube's message", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-bad-'));
    try {
      writeFileSync(path.join(dir, 'policy.yaml'), 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Loud\n');
      const auditOpts = defaultAuditOptions();
      auditOpts.policyFile = path.join(dir, 'policy.yaml');
      auditOpts.log.path = path.join(dir, 'audit.log');
      let message = '';
      await createServer({ audit: auditOpts }).catch((err: Error) => (message = err.message));
      expect(message).to.equal(
        `loading audit policy file: rules[0].level: Unsupported value: "Loud": supported values: "None", "Metadata", "Request", "RequestResponse": from file ${auditOpts.policyFile}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
