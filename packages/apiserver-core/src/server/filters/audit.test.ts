import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import pino from 'pino';
import { StatusError } from '../../api/errors';
import { logRequestObject } from '../../audit/context';
import { newAuditConfig, defaultAuditOptions } from '../../audit/options';
import type { Event } from '../../audit/types';
import { unionBackend } from '../../audit/backend';
import { newLogBackend } from '../../audit/backend-log';
import type { RequestAuthenticator } from '../../authentication/authenticator';
import type { Authorizer } from '../../authorization/authorizer';
import { writeError, writeObject } from '../../endpoints/handlers/response';
import { withAuditId } from './audit-id';
import { withAudit, withFailedAuthenticationAudit, type AuditConfig } from './audit';
import { withAuthentication } from './authentication';
import { withAuthorization } from './authorization';

/** Bearer tokens "<name>-token" are valid for <name>; any other bearer token is refused; no header is no opinion. */
const tokenAuthenticator: RequestAuthenticator = {
  async authenticateRequest({ headers }) {
    const m = /^Bearer (\S+)$/.exec(headers.authorization ?? '');
    if (!m) return null;
    if (!m[1].endsWith('-token')) throw new Error('invalid bearer token');
    return { user: { name: m[1].slice(0, -'-token'.length), groups: ['system:authenticated'], extra: { scopes: ['a'] } } };
  },
};

/** Everyone but mallory; a reason as RBAC would give one. */
const authorizer: Authorizer = {
  authorize: (attrs) =>
    attrs.user.name === 'mallory'
      ? { decision: 'NoOpinion', reason: '' }
      : { decision: 'Allow', reason: `RBAC: allowed by ClusterRoleBinding "test" to User "${attrs.user.name}"` },
};

const policyYAML = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  nonResourceURLs: ["/healthz*"]
- level: RequestResponse
  resources: [{group: "", resources: ["configmaps"]}]
  omitStages: [RequestReceived]
- level: Request
  resources: [{group: "", resources: ["pods"]}]
- level: Metadata
`;

describe('WithAudit', () => {
  let dir: string;
  let server: http.Server;
  let base: string;
  let logFile: string;
  let config: AuditConfig;

  /** The chain as prepareRun builds it, with a stand-in for the impersonation filter's contract. */
  function chain(audit: AuditConfig): Koa {
    const app = new Koa();
    app.silent = true;
    app.use(withAuditId());
    app.use(async (ctx, next) => {
      try {
        await next();
      } catch (err) {
        writeError(ctx, err);
      }
    });
    app.use(withAuthentication(withFailedAuthenticationAudit({ authenticator: tokenAuthenticator }, audit)!));
    app.use(withAudit(audit));
    app.use(async (ctx, next) => {
      const as = ctx.get('Impersonate-User');
      if (as) {
        ctx.state.originalUser = ctx.state.user;
        ctx.state.user = { name: as, groups: ['impersonated', 'system:authenticated'] };
      }
      return next();
    });
    app.use(withAuthorization(authorizer));
    app.use(async (ctx) => {
      if (ctx.path.endsWith('/boom')) throw new Error('boom');
      if (ctx.path.endsWith('/missing')) throw new StatusError(404, 'NotFound', 'configmaps "missing" not found', { name: 'missing', kind: 'configmaps' });
      if (ctx.query.watch === 'true' && ctx.query.resourceVersion === 'gone') {
        writeObject(ctx, 410, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'too old resource version: 1 (5)', reason: 'Expired', code: 410 });
        return;
      }
      if (ctx.query.watch === 'true') {
        ctx.respond = false;
        ctx.res.writeHead(200, { 'Content-Type': 'application/json' });
        ctx.res.write('{"type":"ADDED","object":{}}\n');
        await new Promise((r) => setTimeout(r, 50));
        ctx.res.end();
        return;
      }
      if (ctx.method === 'POST') {
        const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', managedFields: [{ manager: 'x' }] }, data: { k: 'v' } };
        logRequestObject(ctx.state, body);
        writeObject(ctx, 201, { ...body, metadata: { ...body.metadata, uid: 'u1', resourceVersion: '7' } });
        return;
      }
      writeObject(ctx, 200, { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p' } });
    });
    return app;
  }

  function events(): Event[] {
    return readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  }

  async function request(method: string, p: string, headers: Record<string, string> = {}): Promise<{ status: number; auditID: string }> {
    const res = await fetch(base + p, { method, headers: { 'User-Agent': 'audit-test/1.0', ...headers }, body: method === 'POST' ? '{}' : undefined });
    await res.text();
    return { status: res.status, auditID: res.headers.get('Audit-Id') ?? '' };
  }

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'audit-filter-'));
    writeFileSync(path.join(dir, 'policy.yaml'), policyYAML);
    logFile = path.join(dir, 'audit.log');
    config = newAuditConfig({ ...defaultAuditOptions(), policyFile: path.join(dir, 'policy.yaml'), log: { ...defaultAuditOptions().log, path: logFile } }, 'silent')!;
    server = http.createServer(chain(config).callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await config.backend.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a resource request at Request level: both stages, the user, the request info and the decision', async () => {
    const { status, auditID } = await request('GET', '/api/v1/namespaces/default/pods/p', { Authorization: 'Bearer alice-token', 'X-Forwarded-For': '10.0.0.1, 10.0.0.2' });
    expect(status).to.equal(200);
    const evs = events();
    expect(evs.map((e) => e.stage)).to.deep.equal(['RequestReceived', 'ResponseComplete']);
    const [received, complete] = evs;
    expect(complete).to.deep.include({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Request',
      auditID,
      stage: 'ResponseComplete',
      requestURI: '/api/v1/namespaces/default/pods/p',
      verb: 'get',
      user: { username: 'alice', groups: ['system:authenticated'], extra: { scopes: ['a'] } },
      sourceIPs: ['10.0.0.1', '10.0.0.2', '127.0.0.1'],
      userAgent: 'audit-test/1.0',
      objectRef: { resource: 'pods', namespace: 'default', name: 'p', apiVersion: 'v1' },
      responseStatus: { metadata: {}, code: 200 },
      annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': 'RBAC: allowed by ClusterRoleBinding "test" to User "alice"' },
    });
    expect(complete).to.not.have.property('responseObject');
    expect(complete).to.not.have.property('impersonatedUser');
    expect(received).to.not.have.property('responseStatus');
    expect(received).to.not.have.property('annotations');
    expect(received.stageTimestamp).to.equal(received.requestReceivedTimestamp);
    expect(complete.requestReceivedTimestamp).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(complete.stageTimestamp >= complete.requestReceivedTimestamp).to.equal(true);
  });

  it('records both bodies at RequestResponse (managedFields kept: the rule does not omit them) and honours omitStages', async () => {
    await request('POST', '/api/v1/namespaces/default/configmaps', { Authorization: 'Bearer alice-token' });
    const evs = events();
    expect(evs.map((e) => e.stage)).to.deep.equal(['ResponseComplete']);
    expect(evs[0].objectRef).to.deep.equal({ resource: 'configmaps', namespace: 'default', name: 'cm', apiVersion: 'v1' });
    expect(evs[0].requestObject).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', managedFields: [{ manager: 'x' }] }, data: { k: 'v' } });
    expect((evs[0].responseObject as { metadata: object }).metadata).to.deep.equal({ name: 'cm', managedFields: [{ manager: 'x' }], uid: 'u1', resourceVersion: '7' });
    expect(evs[0].verb).to.equal('create');
  });

  it('an error Status answer carries its status, reason and message', async () => {
    const { status } = await request('GET', '/api/v1/namespaces/default/configmaps/missing', { Authorization: 'Bearer alice-token' });
    expect(status).to.equal(404);
    expect(events()[0].responseStatus).to.deep.equal({
      metadata: {},
      status: 'Failure',
      message: 'configmaps "missing" not found',
      reason: 'NotFound',
      details: { name: 'missing', kind: 'configmaps' },
      code: 404,
    });
  });

  it('a forbidden request is audited with the forbid decision and the 403 Status', async () => {
    const { status } = await request('GET', '/api/v1/namespaces/default/pods/p', { Authorization: 'Bearer mallory-token' });
    expect(status).to.equal(403);
    const complete = events()[1];
    expect(complete.annotations).to.deep.equal({ 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' });
    expect(complete.responseStatus).to.include({ status: 'Failure', reason: 'Forbidden', code: 403 });
  });

  it('keeps the authenticated user as user and reports the impersonated one (ctx.state.originalUser contract)', async () => {
    await request('GET', '/api/v1/namespaces/default/pods/p', { Authorization: 'Bearer alice-token', 'Impersonate-User': 'bob' });
    const [received, complete] = events();
    expect(received).to.not.have.property('impersonatedUser');
    expect(complete.user.username).to.equal('alice');
    expect(complete.impersonatedUser).to.deep.equal({ username: 'bob', groups: ['impersonated', 'system:authenticated'] });
  });

  it('a failed authentication is one ResponseStarted event, user empty, code 401 and what was tried', async () => {
    expect((await request('GET', '/api/v1/namespaces/default/pods', { Authorization: 'Bearer nope' })).status).to.equal(401);
    expect((await request('GET', '/api/v1/namespaces/default/pods')).status).to.equal(401);
    const evs = events();
    expect(evs.map((e) => [e.stage, e.verb, e.user, e.responseStatus])).to.deep.equal([
      ['ResponseStarted', 'list', {}, { metadata: {}, message: 'Authentication failed, attempted: bearer', code: 401 }],
      ['ResponseStarted', 'list', {}, { metadata: {}, message: 'Authentication failed, no credentials provided', code: 401 }],
    ]);
  });

  it('long-running requests get ResponseStarted when the stream starts, then ResponseComplete', async () => {
    await request('GET', '/api/v1/namespaces/default/pods?watch=true', { Authorization: 'Bearer alice-token' });
    const evs = events();
    expect(evs.map((e) => [e.stage, e.verb, e.responseStatus?.code])).to.deep.equal([
      ['RequestReceived', 'watch', undefined],
      ['ResponseStarted', 'watch', 200],
      ['ResponseComplete', 'watch', 200],
    ]);
  });

  it('a watch refused before its stream still reports ResponseStarted, with the error it answers', async () => {
    expect((await request('GET', '/api/v1/namespaces/default/pods?watch=true&resourceVersion=gone', { Authorization: 'Bearer alice-token' })).status).to.equal(410);
    const evs = events();
    const expired = { metadata: {}, status: 'Failure', message: 'too old resource version: 1 (5)', reason: 'Expired', code: 410 };
    expect(evs.map((e) => [e.stage, e.responseStatus])).to.deep.equal([
      ['RequestReceived', undefined],
      ['ResponseStarted', expired],
      ['ResponseComplete', expired],
    ]);
  });

  it("an unexpected error is the Panic stage, with kube's 500 Status; the client still gets its 500", async () => {
    expect((await request('GET', '/api/v1/namespaces/default/pods/boom', { Authorization: 'Bearer alice-token' })).status).to.equal(500);
    const evs = events();
    expect(evs.map((e) => e.stage)).to.deep.equal(['RequestReceived', 'Panic']);
    expect(evs[1].responseStatus).to.deep.equal({ metadata: {}, status: 'Failure', reason: 'InternalError', message: "APIServer panic'd: boom", code: 500 });
  });

  it('level None writes nothing', async () => {
    await request('GET', '/healthz/ping', { Authorization: 'Bearer alice-token' });
    expect(readFileSync(logFile, 'utf8')).to.equal('');
  });

  it('failing backends never fail the request: a full disk (logged) and an unreachable blocking webhook', async () => {
    const logged: string[] = [];
    writeFileSync(
      path.join(dir, 'dead.kubeconfig'),
      'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "http://127.0.0.1:1/audit"}\n' +
        'contexts:\n- name: c\n  context: {cluster: c, user: u}\ncurrent-context: c\nusers:\n- name: u\n  user: {}\n',
    );
    const opts = defaultAuditOptions();
    opts.policyFile = path.join(dir, 'policy.yaml');
    opts.log.path = '/dev/full'; // every write fails with ENOSPC
    opts.webhook = { ...opts.webhook, configFile: path.join(dir, 'dead.kubeconfig'), mode: 'blocking', initialBackoffMs: 1 };
    const failing = newAuditConfig(opts, 'silent')!;
    // The backends log through their own logger: send it where the test can read it.
    const failingWithLog = newLogBackend({
      path: '/dev/full',
      format: 'json',
      maxSizeMB: 0,
      maxBackups: 0,
      maxAgeDays: 0,
      logger: pino({ level: 'error' }, { write: (l: string) => void logged.push(l) }),
    });
    const s2 = http.createServer(chain({ policy: failing.policy, backend: unionBackend([failing.backend, failingWithLog]) }).callback());
    await new Promise<void>((resolve) => s2.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(s2.address() as AddressInfo).port}/api/v1/namespaces/default/pods/p`, { headers: { Authorization: 'Bearer alice-token' } });
      expect(res.status).to.equal(200);
      expect(logged.map((l) => JSON.parse(l).msg)).to.deep.equal(['Error in audit plugin: failed to write event', 'Error in audit plugin: failed to write event']);
      expect(JSON.parse(logged[0]).err.code).to.equal('ENOSPC');
    } finally {
      s2.closeAllConnections();
      await new Promise((r) => s2.close(r));
      await failing.backend.shutdown();
    }
  });
});
