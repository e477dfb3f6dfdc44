import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type { KapiProcess } from './support/kapi-process';
import { aggregationPKI, startAggregator, startExtension, widgetsAPIService, type AggregationPKI } from './support/aggregation';
import { freePort } from './support/free-port';
import { databaseCRD, group as crdGroup } from './support/crd-fixtures';
import { eventually } from './support/eventually';
import { kubectl, kubectlOk } from './support/kubectl';
import { testPKI, testUser } from './support/test-pki';

const widget = (name: string, color: string, size = 'small') =>
  JSON.stringify({
    apiVersion: 'widgets.example.dev/v1',
    kind: 'Widget',
    metadata: { name, namespace: 'default' },
    spec: { color, size },
  });

/** Lets the main server's view role read widgets, as an extension's installer ships it (aggregate-to-view). */
const widgetsViewRole = JSON.stringify({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'widgets-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
  rules: [{ apiGroups: ['widgets.example.dev'], resources: ['widgets'], verbs: ['get', 'list', 'watch'] }],
});

/**
 * Two processes: `kapi server` aggregating an extension kapi that serves only the widgets plugin,
 * over real TLS, with the front-proxy certificate, delegated authorization and kubectl.
 */
describe('API aggregation: kapi server proxies an extension kapi serving widgets', function () {
  this.timeout(120_000);
  let a: AggregationPKI;
  let port: number;
  let main: KapiProcess;
  let ext: KapiProcess;
  const available = async () =>
    kubectlOk(main.url, [
      'get',
      'apiservice',
      'v1.widgets.example.dev',
      '-o',
      'jsonpath={.status.conditions[?(@.type=="Available")].status} {.status.conditions[?(@.type=="Available")].reason}',
    ]);

  // Servers that are no apiserver: one answering garbage discovery over TLS, one speaking plain HTTP.
  let garbage: https.Server;
  let plain: http.Server;
  const listen = (srv: net.Server) => new Promise<number>((resolve) => srv.listen(0, '127.0.0.1', () => resolve((srv.address() as net.AddressInfo).port)));
  before(async () => {
    a = await aggregationPKI();
    port = await freePort();
    garbage = https.createServer({ cert: readFileSync(a.extensionCertFile), key: readFileSync(a.extensionKeyFile) }, (_req, res) => res.end('{"kind":"NotDiscovery"'));
    plain = http.createServer((_req, res) => res.end('{}'));
    const [garbagePort, plainPort] = [await listen(garbage), await listen(plain)];
    main = await startAggregator(a, port, { 'default/garbage:443': garbagePort, 'default/plain:443': plainPort });
    ext = await startExtension(a, port, main.url);
    await kubectlOk(main.url, ['apply', '-f', '-'], { input: widgetsAPIService(a) });
    await eventually(async () => expect(await available()).to.equal('True Passed'), 20_000, 300);
  });
  after(async () => {
    garbage?.close();
    plain?.close();
    await ext?.stop();
    await main?.stop();
  });

  it('lists the APIService beside the local ones, as kubectl get apiservices prints them', async () => {
    const out = await kubectlOk(main.url, ['get', 'apiservices']);
    expect(out).to.match(/^NAME\s+SERVICE\s+AVAILABLE\s+AGE/);
    expect(out).to.match(/\nv1\.widgets\.example\.dev\s+default\/widgets-api\s+True\s/);
    expect(out).to.match(/\nv1\.\s+Local\s+True\s/);
    expect(out).to.match(/\nv1\.apps\s+Local\s+True\s/);
    // The local APIServices and priorities of a kube-apiserver v1.32.4 with default flags (read from one once).
    const local = await kubectlOk(main.url, [
      'get',
      'apiservices',
      '-l',
      'kube-aggregator.kubernetes.io/automanaged=onstart',
      '--no-headers',
      '-o',
      'custom-columns=N:.metadata.name,G:.spec.groupPriorityMinimum,V:.spec.versionPriority',
    ]);
    expect(
      local
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/).join(' '))
        .sort(),
    ).to.deep.equal([
      'v1. 18000 1',
      'v1.admissionregistration.k8s.io 16700 15',
      'v1.apiextensions.k8s.io 16700 15',
      'v1.apps 17800 15',
      'v1.authentication.k8s.io 17700 15',
      'v1.authorization.k8s.io 17600 15',
      'v1.autoscaling 17500 15',
      'v1.batch 17400 15',
      'v1.certificates.k8s.io 17300 15',
      'v1.coordination.k8s.io 16500 15',
      'v1.discovery.k8s.io 16200 15',
      'v1.events.k8s.io 17750 15',
      'v1.flowcontrol.apiserver.k8s.io 16100 21',
      'v1.networking.k8s.io 17200 15',
      'v1.node.k8s.io 16300 15',
      'v1.policy 17100 15',
      'v1.rbac.authorization.k8s.io 17000 15',
      'v1.scheduling.k8s.io 16600 15',
      'v1.storage.k8s.io 16800 15',
      'v2.autoscaling 17500 30',
    ]);
  });

  it("registers a local APIService for a CRD's group-versions while the CRD exists (automanaged=true)", async () => {
    await kubectlOk(main.url, ['apply', '-f', '-'], { input: JSON.stringify(databaseCRD()) });
    const labels = () =>
      kubectl(main.url, [
        'get',
        'apiservices',
        '-l',
        'kube-aggregator.kubernetes.io/automanaged=true',
        '-o',
        'custom-columns=NAME:.metadata.name,GPM:.spec.groupPriorityMinimum,VP:.spec.versionPriority',
        '--no-headers',
      ]);
    await eventually(async () => expect((await labels()).stdout).to.match(/^v1\.stable\.example\.com\s+1000\s+100$/m), 15_000, 300);
    await kubectlOk(main.url, ['delete', 'crd', `databases.${crdGroup}`]);
    await eventually(async () => expect((await labels()).stdout).to.not.contain('stable.example.com'), 15_000, 300);
  });

  it('publishes extension-apiserver-authentication in kube-system', async () => {
    const cm = JSON.parse(await kubectlOk(main.url, ['get', 'configmap', '-n', 'kube-system', 'extension-apiserver-authentication', '-o', 'json']));
    expect(cm.data['requestheader-allowed-names']).to.equal('["front-proxy-client"]');
    expect(cm.data['requestheader-username-headers']).to.equal('["X-Remote-User"]');
    expect(cm.data['requestheader-client-ca-file']).to.contain('BEGIN CERTIFICATE');
    expect(cm.data['client-ca-file']).to.equal((await testPKI()).ca.certPEM);
  });

  it('serves api-resources, apply, get, explain and get -w on widgets through the main server', async () => {
    const resources = await kubectlOk(main.url, ['api-resources', '--api-group', 'widgets.example.dev']);
    expect(resources).to.match(/widgets\s+wdg\s+widgets\.example\.dev\/v1\s+true\s+Widget/);
    expect(await kubectlOk(main.url, ['apply', '-f', '-'], { input: widget('w1', 'blue') })).to.contain('widget.widgets.example.dev/w1 created');
    const table = await kubectlOk(main.url, ['get', 'widgets']);
    // A widget without status has an empty PHASE cell, as kube prints a missing column field.
    expect(table).to.match(/NAME\s+COLOR\s+SIZE\s+COUNT\s+PHASE\s+AGE\nw1\s+blue\s+small\s+1\s+\d+s/);
    // The object lives in the extension's storage, not the main server's.
    expect(await kubectlOk(ext.url, ['get', 'widget', 'w1', '-o', 'jsonpath={.spec.color}'])).to.equal('blue');
    const explain = await kubectlOk(main.url, ['explain', 'widgets.spec.size']);
    expect(explain).to.contain('The size of the widget.');
    // Validation is the extension's: the immutable colour is refused with its message.
    const bad = await kubectl(main.url, ['apply', '-f', '-'], { input: widget('w1', 'red') });
    expect(bad.code).to.not.equal(0);
    expect(bad.stderr).to.contain('field is immutable');

    const watch = spawn('kubectl', ['-s', main.url, ...(await testPKI()).kubectlArgs, 'get', 'widgets', '-w', '--output-watch-events'], {
      env: { ...process.env, KUBECONFIG: '/dev/null' },
    });
    let seen = '';
    watch.stdout.on('data', (d) => (seen += d));
    try {
      await eventually(() => expect(seen).to.match(/ADDED\s+w1/), 15_000);
      await kubectlOk(main.url, ['apply', '-f', '-'], { input: widget('w1', 'blue', 'large') });
      await eventually(() => expect(seen).to.match(/MODIFIED\s+w1\s+blue\s+large/), 15_000);
    } finally {
      watch.kill();
    }
  });

  it('lets a user bound only to view read widgets but not write them (RBAC of the main server)', async () => {
    await kubectlOk(main.url, ['apply', '-f', '-'], { input: widgetsViewRole });
    await kubectlOk(main.url, ['create', 'rolebinding', 'viewer', '--clusterrole', 'view', '--user', 'widget-viewer', '-n', 'default']);
    const viewer = await testUser('widget-viewer');
    await eventually(async () => expect(await kubectlOk(main.url, ['get', 'widgets', '-n', 'default'], { credentials: viewer.kubectlArgs })).to.match(/\nw1\s/), 15_000, 300);
    const write = await kubectl(main.url, ['create', '-f', '-'], { input: widget('w2', 'green'), credentials: viewer.kubectlArgs });
    expect(write.code).to.not.equal(0);
    expect(write.stderr).to.contain('User "widget-viewer" cannot create resource "widgets" in API group "widgets.example.dev" in the namespace "default"');
  });

  it("authenticates a direct client's service account token and authorizes it at the main server (delegated)", async () => {
    await kubectlOk(main.url, ['create', 'serviceaccount', 'widget-reader', '-n', 'default']);
    await kubectlOk(main.url, ['create', 'rolebinding', 'widget-reader-view', '--clusterrole', 'view', '--serviceaccount', 'default:widget-reader', '-n', 'default']);
    const token = (await kubectlOk(main.url, ['create', 'token', 'widget-reader', '-n', 'default'])).trim();
    const credentials = ['--certificate-authority', (await testPKI()).caFile, '--token', token];
    await eventually(
      async () => expect(await kubectlOk(ext.url, ['get', 'widgets', '-n', 'default', '-o', 'name'], { credentials })).to.contain('widget.widgets.example.dev/w1'),
      15_000,
      300,
    );
    const write = await kubectl(ext.url, ['create', '-f', '-'], { input: widget('w4', 'green'), credentials });
    expect(write.stderr).to.contain('User "system:serviceaccount:default:widget-reader" cannot create resource "widgets" in API group "widgets.example.dev"');
    const bad = await kubectl(ext.url, ['get', 'widgets'], { credentials: ['--certificate-authority', (await testPKI()).caFile, '--token', 'not-a-token'] });
    expect(bad.stderr).to.contain('error: You must be logged in to the server (Unauthorized)');
  });

  it('goes Unavailable with 503 for widgets only when the extension stops, and recovers when it restarts', async () => {
    await ext.stop();
    await eventually(async () => expect(await available()).to.equal('False FailedDiscoveryCheck'), 20_000, 300);
    const down = await kubectl(main.url, ['get', 'widgets']);
    expect(down.code).to.not.equal(0);
    expect(down.stderr).to.contain('Error from server (ServiceUnavailable): the server is currently unable to handle the request');
    // Everything else keeps working.
    expect(await kubectlOk(main.url, ['get', 'ns', 'default', '-o', 'name'])).to.equal('namespace/default\n');
    ext = await startExtension(a, port, main.url);
    await eventually(async () => expect(await available()).to.equal('True Passed'), 20_000, 300);
    expect(await kubectlOk(main.url, ['apply', '-f', '-'], { input: widget('w3', 'teal') })).to.contain('widget.widgets.example.dev/w3 created');
  });

  it('measures the latency a proxied GET adds over the same GET served directly', async () => {
    const path = '/apis/widgets.example.dev/v1/namespaces/default/widgets/w3';
    const timeGet = async (url: string) => {
      const start = performance.now();
      const res = await fetch(url);
      expect(res.status).to.equal(200);
      await res.arrayBuffer();
      return performance.now() - start;
    };
    const samples = { direct: [] as number[], proxied: [] as number[], local: [] as number[] };
    // Interleaved, so that the load of a shared machine falls on all three alike; the first rounds warm connections.
    for (let i = 0; i < 170; i++) {
      const d = await timeGet(ext.url + path);
      const p = await timeGet(main.url + path);
      const l = await timeGet(`${main.url}/api/v1/namespaces/default`);
      if (i < 20) continue;
      samples.direct.push(d);
      samples.proxied.push(p);
      samples.local.push(l);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const [direct, proxied, local] = [median(samples.direct), median(samples.proxied), median(samples.local)];
    // Reported, not asserted: the figure depends on the machine (see docs/aggregation.md).
    console.log(
      `      GET widget, median of 150: direct ${direct.toFixed(2)} ms, through the aggregator ${proxied.toFixed(2)} ms (added ${(proxied - direct).toFixed(2)} ms); the main server's own GET of a namespace ${local.toFixed(2)} ms`,
    );
  });

  it('reports ServiceNotFound for an APIService whose Service does not exist, and answers 503 for its group only', async () => {
    const ghost = {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1.ghost.example.dev' },
      spec: {
        group: 'ghost.example.dev',
        version: 'v1',
        groupPriorityMinimum: 1000,
        versionPriority: 15,
        service: { namespace: 'default', name: 'ghost', port: 443 },
        insecureSkipTLSVerify: true,
      },
    };
    await kubectlOk(main.url, ['create', '-f', '-'], { input: JSON.stringify(ghost) });
    const condition = () => kubectlOk(main.url, ['get', 'apiservice', 'v1.ghost.example.dev', '-o', 'jsonpath={.status.conditions[0].reason}: {.status.conditions[0].message}']);
    await eventually(async () => expect(await condition()).to.equal('ServiceNotFound: service/ghost in "default" is not present'), 15_000, 300);
    expect(await kubectlOk(main.url, ['get', 'apiservices', 'v1.ghost.example.dev', '--no-headers'])).to.match(/default\/ghost\s+False \(ServiceNotFound\)/);
    const res = await fetch(`${main.url}/apis/ghost.example.dev/v1/namespaces/default/things`);
    expect(res.status).to.equal(503);
    expect(await res.text()).to.equal('service unavailable\n');
    expect((await fetch(`${main.url}/apis/widgets.example.dev/v1/namespaces/default/widgets`)).status).to.equal(200);
    await kubectlOk(main.url, ['delete', 'apiservice', 'v1.ghost.example.dev']);
  });

  it('reports garbage discovery and a server without TLS as FailedDiscoveryCheck, leaving discovery to the rest', async () => {
    const remote = (group: string, service: string) =>
      JSON.stringify({
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        metadata: { name: `v1.${group}` },
        spec: { group, version: 'v1', groupPriorityMinimum: 1000, versionPriority: 15, service: { namespace: 'default', name: service, port: 443 }, insecureSkipTLSVerify: true },
      });
    await kubectlOk(main.url, ['create', '-f', '-'], { input: remote('garbage.example.dev', 'garbage') });
    await kubectlOk(main.url, ['create', '-f', '-'], { input: remote('plain.example.dev', 'plain') });
    const condition = (name: string) => kubectlOk(main.url, ['get', 'apiservice', name, '-o', 'jsonpath={.status.conditions[0].reason}: {.status.conditions[0].message}']);
    await eventually(
      async () =>
        expect(await condition('v1.garbage.example.dev')).to.equal(
          'FailedDiscoveryCheck: failing or missing response from https://garbage.default.svc:443/apis/garbage.example.dev/v1: not an APIResourceList',
        ),
      15_000,
      300,
    );
    await eventually(
      async () =>
        expect(await condition('v1.plain.example.dev')).to.match(
          /^FailedDiscoveryCheck: failing or missing response from https:\/\/plain\.default\.svc:443\/apis\/plain\.example\.dev\/v1: /,
        ),
      15_000,
      300,
    );
    const groups = await kubectlOk(main.url, ['api-versions']);
    expect(groups).to.contain('widgets.example.dev/v1');
    expect(groups).to.not.contain('garbage.example.dev');
    expect(groups).to.not.contain('plain.example.dev');
    await kubectlOk(main.url, ['delete', 'apiservice', 'v1.garbage.example.dev', 'v1.plain.example.dev']);
  });

  it("rejects an APIService whose name is not version.group, with kube's message", async () => {
    const bad = JSON.parse(widgetsAPIService(a));
    bad.metadata.name = 'v2.widgets.example.dev';
    bad.spec.versionPriority = 0;
    const r = await kubectl(main.url, ['create', '-f', '-'], { input: JSON.stringify(bad) });
    expect(r.code).to.not.equal(0);
    expect(r.stderr).to.contain('metadata.name: Invalid value: "v2.widgets.example.dev": must be `spec.version+"."+spec.group`: "v1.widgets.example.dev"');
    expect(r.stderr).to.contain('spec.versionPriority: Invalid value: 0: must be positive and less than 1000');
  });
});
