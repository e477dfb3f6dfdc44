import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { networkInterfaces } from 'node:os';
import { aggregationPKI, requestHeaderArgs, startExtension, widgetsAPIService, widgetsService, type AggregationPKI } from './support/aggregation';
import { freePort } from './support/free-port';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { eventually } from './support/eventually';
import { kubectlOk } from './support/kubectl';
import { testAdminUser, testPKI, testUser } from './support/test-pki';
import { echo, openWebSocket, type RefusedUpgrade, type WebSocketClient } from './support/websocket';

const attachPath = (name: string) => `/apis/widgets.example.dev/v1/namespaces/default/widgets/${name}/attach`;

/** A Role on widgets/attach with the given verbs, bound to one user. */
const attachRole = (user: string, verbs: string[]) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: `attach-${user}`, namespace: 'default' },
        rules: [{ apiGroups: ['widgets.example.dev'], resources: ['widgets/attach'], verbs }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: `attach-${user}`, namespace: 'default' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `attach-${user}` },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
      },
    ],
  });

/** This host's first non-loopback IPv4 address: where --enable-aggregator-routing may send requests. */
const hostIP = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

/** The widgets Service without a selector, and its Endpoints naming the extension's address, as a cluster's controller would write them. */
const serviceAndEndpoints = (ip: string, port: number, portName = 'https') =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: widgetsService.name, namespace: widgetsService.namespace },
        spec: { ports: [{ name: 'https', port: widgetsService.port, targetPort: port }] },
      },
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: widgetsService.name, namespace: widgetsService.namespace },
        subsets: [{ addresses: [{ ip }], ports: [{ name: portName, port }] }],
      },
    ],
  });

const refused = (r: WebSocketClient | RefusedUpgrade): RefusedUpgrade => {
  if (!('status' in r)) {
    r.close();
    throw new Error('the upgrade was accepted');
  }
  return r;
};

/**
 * Upgrades through the aggregator: a WebSocket to an extension kapi's widgets/attach (an echo
 * stream) passes the main server's authentication, authorization (`create` on the subresource) and
 * audit, and is joined byte for byte to the extension, which authenticates the front proxy and
 * authorizes the user again.
 */
describe('API aggregation: upgrade requests (WebSocket) through kapi server to an extension', function () {
  this.timeout(120_000);
  let a: AggregationPKI;
  let port: number;
  let main: KapiProcess;
  let ext: KapiProcess;
  let admin: { ca: string; cert: string; key: string };
  let auditLog: string;
  /** The main server's audit events of widgets/attach requests. */
  const attachEvents = () =>
    readFileSync(auditLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((e) => e.objectRef?.subresource === 'attach');

  before(async () => {
    const pki = await testPKI();
    admin = { ca: pki.ca.certPEM, cert: pki.admin.certPEM, key: pki.admin.keyPEM };
    a = await aggregationPKI();
    port = await freePort();
    auditLog = path.join(pki.dir, `aggregation-upgrade-audit-${Date.now()}.log`);
    const auditPolicy = path.join(pki.dir, 'aggregation-upgrade-audit-policy.yaml');
    writeFileSync(auditPolicy, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n');
    // With a routable host address the aggregator finds the extension through its Service's endpoints
    // (--enable-aggregator-routing); without one, through a fixed loopback address.
    const reach = hostIP ? ['--enable-aggregator-routing'] : ['--aggregator-service-address', `default/widgets-api:443=127.0.0.1:${port}`];
    main = await startKapi([
      '--storage-backend',
      'memory',
      ...requestHeaderArgs(a),
      '--proxy-client-cert-file',
      a.proxyClientCertFile,
      '--proxy-client-key-file',
      a.proxyClientKeyFile,
      '--aggregator-availability-check-interval',
      '1s',
      '--audit-policy-file',
      auditPolicy,
      '--audit-log-path',
      auditLog,
      ...reach,
    ]);
    ext = await startExtension(a, port, main.url, hostIP ?? '127.0.0.1');
    await kubectlOk(main.url, ['apply', '-f', '-'], { input: widgetsAPIService(a) });
    if (hostIP) {
      // The Service alone: its endpoints are missing, which the availability controller reports as kube's.
      await kubectlOk(main.url, ['apply', '-f', '-'], { input: JSON.stringify(JSON.parse(serviceAndEndpoints(hostIP, port)).items[0]) });
      await eventually(
        async () =>
          expect(await kubectlOk(main.url, ['get', 'apiservice', 'v1.widgets.example.dev', '-o', 'jsonpath={.status.conditions[?(@.type=="Available")].message}'])).to.equal(
            'cannot find endpoints for service/widgets-api in "default"',
          ),
        20_000,
        300,
      );
      await kubectlOk(main.url, ['apply', '-f', '-'], { input: serviceAndEndpoints(hostIP, port) });
    }
    await eventually(
      async () =>
        expect(await kubectlOk(main.url, ['get', 'apiservice', 'v1.widgets.example.dev', '-o', 'jsonpath={.status.conditions[?(@.type=="Available")].status}'])).to.equal('True'),
      20_000,
      300,
    );
    await kubectlOk(main.url, ['apply', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'widgets.example.dev/v1',
        kind: 'Widget',
        metadata: { name: 'w1', namespace: 'default' },
        spec: { color: 'blue' },
      }),
    });
  });
  after(async () => {
    await ext?.stop();
    await main?.stop();
  });

  it('echoes text and binary messages over a WebSocket opened through the aggregator', async () => {
    const ws = await openWebSocket(`${main.url}${attachPath('w1')}`, admin, ['v5.channel.k8s.io']);
    if ('status' in ws) throw new Error(`refused: ${ws.status} ${ws.body}`);
    try {
      expect(ws.protocol).to.equal('v5.channel.k8s.io');
      const text = await echo(ws, 'hello through the aggregator');
      expect([text.data.toString(), text.binary]).to.deep.equal(['hello through the aggregator', false]);
      const big = Buffer.alloc(200_000, 7);
      const binary = await echo(ws, big);
      expect(binary.binary).to.equal(true);
      expect(binary.data.equals(big)).to.equal(true);
    } finally {
      ws.close();
    }
    // Audited by the main server like any request: who opened which stream, and the decision.
    await eventually(
      () =>
        expect(
          attachEvents().some((e) => e.user?.username === testAdminUser && e.objectRef?.name === 'w1' && e.annotations?.['authorization.k8s.io/decision'] === 'allow'),
        ).to.equal(true),
      10_000,
      200,
    );
  });

  it('lets a user with create on widgets/attach open it: the extension sees that user, not the proxy', async () => {
    await kubectlOk(main.url, ['apply', '-f', '-'], { input: attachRole('attacher', ['get', 'create']) });
    const user = await testUser('attacher');
    const pair = { ca: admin.ca, cert: readFileSync(user.certFile, 'utf8'), key: readFileSync(user.keyFile, 'utf8') };
    await eventually(
      async () => {
        const ws = await openWebSocket(`${main.url}${attachPath('w1')}`, pair);
        if ('status' in ws) throw new Error(`refused: ${ws.status} ${ws.body}`);
        expect((await echo(ws, 'mine')).data.toString()).to.equal('mine');
        ws.close();
      },
      15_000,
      300,
    );
  });

  it('refuses an upgrade with a bad bearer token with 401, and an anonymous one with 403, before either reaches the extension', async () => {
    // The token in the subprotocol browsers use (wsstream's bearer protocol), as in an Authorization header.
    const token = refused(await openWebSocket(`${main.url}${attachPath('w1')}`, { ca: admin.ca }, ['base64url.bearer.authorization.k8s.io.bm90LWEtdG9rZW4']));
    expect(token.status).to.equal(401);
    expect(JSON.parse(token.body)).to.include({ kind: 'Status', reason: 'Unauthorized', message: 'Unauthorized', code: 401 });
    const anonymous = refused(await openWebSocket(`${main.url}${attachPath('w1')}`, { ca: admin.ca }));
    expect(anonymous.status).to.equal(403);
    expect(JSON.parse(anonymous.body).message).to.equal(
      'widgets.widgets.example.dev "w1" is forbidden: User "system:anonymous" cannot get resource "widgets/attach" in API group "widgets.example.dev" in the namespace "default"',
    );
  });

  it('refuses a user with get but not create on widgets/attach with 403 (kube checks create for a WebSocket GET)', async () => {
    await kubectlOk(main.url, ['apply', '-f', '-'], { input: attachRole('peeker', ['get']) });
    const user = await testUser('peeker');
    const pair = { ca: admin.ca, cert: readFileSync(user.certFile, 'utf8'), key: readFileSync(user.keyFile, 'utf8') };
    const r = refused(await openWebSocket(`${main.url}${attachPath('w1')}`, pair));
    expect(r.status).to.equal(403);
    expect(JSON.parse(r.body).message).to.equal(
      'widgets.widgets.example.dev "w1" is forbidden: User "peeker" cannot create resource "widgets/attach" in API group "widgets.example.dev" in the namespace "default"',
    );
    await eventually(
      () =>
        expect(
          attachEvents().some((e) => e.user?.username === 'peeker' && e.responseStatus?.code === 403 && e.annotations?.['authorization.k8s.io/decision'] === 'forbid'),
        ).to.equal(true),
      10_000,
      200,
    );
  });

  it("passes the extension's own answers back: 404 for a missing widget, 400 for a request that does not upgrade", async () => {
    const missing = refused(await openWebSocket(`${main.url}${attachPath('nope')}`, admin));
    expect(missing.status).to.equal(404);
    expect(JSON.parse(missing.body).message).to.equal('widgets.widgets.example.dev "nope" not found');
    const plain = await kubectlOk(main.url, ['get', '--raw', attachPath('w1')]).catch((err: Error) => err.message);
    expect(plain).to.contain('Upgrade request required');
  });

  it("routes to the Service's endpoints with --enable-aggregator-routing, on the endpoint port named as the Service port", async function () {
    if (!hostIP) this.skip();
    const condition = () =>
      kubectlOk(main.url, [
        'get',
        'apiservice',
        'v1.widgets.example.dev',
        '-o',
        'jsonpath={.status.conditions[?(@.type=="Available")].reason}: {.status.conditions[?(@.type=="Available")].message}',
      ]);
    // Endpoints whose port is named otherwise serve some other port of the Service: none for this one.
    await kubectlOk(main.url, ['apply', '-f', '-'], { input: serviceAndEndpoints(hostIP!, port, 'metrics') });
    await eventually(
      async () => expect(await condition()).to.equal('MissingEndpoints: endpoints for service/widgets-api in "default" have no addresses with port name "https"'),
      20_000,
      300,
    );
    await kubectlOk(main.url, ['apply', '-f', '-'], { input: serviceAndEndpoints(hostIP!, port) });
    await eventually(async () => expect(await condition()).to.equal('Passed: all checks passed'), 20_000, 300);
    const ws = await openWebSocket(`${main.url}${attachPath('w1')}`, admin);
    if ('status' in ws) throw new Error(`refused: ${ws.status} ${ws.body}`);
    expect((await echo(ws, 'via endpoints')).data.toString()).to.equal('via endpoints');
    ws.close();
  });

  it('answers 503 "service unavailable" once the extension is gone, and core requests keep working', async () => {
    await ext.stop();
    await eventually(
      async () =>
        expect(await kubectlOk(main.url, ['get', 'apiservice', 'v1.widgets.example.dev', '-o', 'jsonpath={.status.conditions[?(@.type=="Available")].status}'])).to.equal('False'),
      20_000,
      300,
    );
    const r = refused(await openWebSocket(`${main.url}${attachPath('w1')}`, admin));
    expect(r.status).to.equal(503);
    expect(r.contentType).to.equal('text/plain; charset=utf-8');
    expect(r.body).to.equal('service unavailable\n');
    expect(await kubectlOk(main.url, ['get', 'namespace', 'default', '-o', 'name'])).to.contain('namespace/default');
  });
});
