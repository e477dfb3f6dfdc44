/**
 * What the aggregation layer adds to a request, as examples/aggregated-widgets runs it: `kapi server`
 * (the aggregator, with a front-proxy client certificate) and an extension kapi serving only the widgets
 * plugin, delegating authentication and authorization to the aggregator; the APIService
 * v1.widgets.example.dev registered in the aggregator. The same widget GET, as the same x509 admin, is
 * sent alternately through the aggregator and straight to the extension, one request at a time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { wants } from '../config';
import type { ClientTLS, GetPairLatencyResult } from '../load/jobs';
import { freePort } from '../processes/free-port';
import { startKapi } from '../processes/kapi-server';
import { runJob } from '../processes/load-worker';
import { sampleCpu } from '../processes/process-cpu';
import { apiFetch, type BenchContext } from './context';
import type { BenchServers } from './servers';

const widgetPath = '/apis/widgets.example.dev/v1/namespaces/default/widgets/bench-widget';
const figureKeys = ['aggregatedGetP50Ms', 'aggregatedGetP99Ms', 'directGetP50Ms', 'directGetP99Ms'];

interface AggregationPKI {
  dir: string;
  /** The aggregator's serving certificate and client CA flags. */
  mainTLS: string[];
  extensionTLS: string[];
  frontProxyCA: string;
  frontProxyClient: string[];
  admin: ClientTLS;
  /** The extension's --authentication-kubeconfig/--authorization-kubeconfig: the aggregator, as the admin. */
  kubeconfig: (server: string) => string;
  caPEM: string;
}

async function aggregationPKI(): Promise<AggregationPKI> {
  const core = require('@kapi/apiserver-core') as typeof import('@kapi/apiserver-core');
  const ca = await core.newCertificateAuthority('kapi-bench-aggregation-ca');
  const frontProxyCA = await core.newCertificateAuthority('kapi-bench-front-proxy-ca');
  const main = await core.newServingCertificate(ca, ['localhost', '127.0.0.1']);
  const extension = await core.newServingCertificate(ca, ['widgets-api.default.svc', 'localhost', '127.0.0.1']);
  const admin = await core.newClientCertificate(ca, 'bench-admin', ['system:masters']);
  const proxyClient = await core.newClientCertificate(frontProxyCA, 'front-proxy-client', []);
  const dir = mkdtempSync(join(tmpdir(), 'kapi-bench-aggregation-'));
  // The servers keep reading their certificate files while they run: removed when the bench exits.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  };
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return {
    dir,
    mainTLS: ['--tls-cert-file', file('main.crt', main.certPEM), '--tls-private-key-file', file('main.key', main.keyPEM), '--client-ca-file', file('ca.crt', ca.certPEM)],
    extensionTLS: ['--tls-cert-file', file('widgets-api.crt', extension.certPEM), '--tls-private-key-file', file('widgets-api.key', extension.keyPEM)],
    frontProxyCA: file('front-proxy-ca.crt', frontProxyCA.certPEM),
    frontProxyClient: [
      '--proxy-client-cert-file',
      file('front-proxy-client.crt', proxyClient.certPEM),
      '--proxy-client-key-file',
      file('front-proxy-client.key', proxyClient.keyPEM),
    ],
    admin: { ca: ca.certPEM, cert: admin.certPEM, key: admin.keyPEM },
    kubeconfig: (server) =>
      file(
        'admin.kubeconfig',
        [
          'apiVersion: v1',
          'kind: Config',
          'current-context: main',
          'clusters:',
          `- name: main`,
          '  cluster:',
          `    server: ${server}`,
          `    certificate-authority-data: ${b64(ca.certPEM)}`,
          'users:',
          '- name: admin',
          '  user:',
          `    client-certificate-data: ${b64(admin.certPEM)}`,
          `    client-key-data: ${b64(admin.keyPEM)}`,
          'contexts:',
          '- name: main',
          '  context: {cluster: main, user: admin}',
          '',
        ].join('\n'),
      ),
    caPEM: ca.certPEM,
  };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`aggregation: ${what} not after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function measureAggregation(ctx: BenchContext, servers: BenchServers): Promise<void> {
  if (!wants(ctx.cfg, ...figureKeys)) return;
  const pki = await aggregationPKI();
  const extPort = await freePort();
  servers.aggregator = await startKapi({
    backend: 'memory',
    label: 'aggregator',
    tlsArgs: pki.mainTLS,
    cpuProfDir: ctx.cfg.cpuProfDir,
    extraArgs: [
      '--requestheader-client-ca-file',
      pki.frontProxyCA,
      '--requestheader-allowed-names',
      'front-proxy-client',
      '--requestheader-username-headers',
      'X-Remote-User',
      '--requestheader-group-headers',
      'X-Remote-Group',
      '--requestheader-extra-headers-prefix',
      'X-Remote-Extra-',
      ...pki.frontProxyClient,
      '--aggregator-service-address',
      `default/widgets-api:443=127.0.0.1:${extPort}`,
      '--log-level',
      'warn',
    ],
  });
  const main = servers.aggregator;
  // The extension reads the front-proxy trust from this ConfigMap when it starts.
  await waitFor(
    'extension-apiserver-authentication',
    async () => (await apiFetch(`${main.url}/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication`)).status === 200,
  );
  const kubeconfig = pki.kubeconfig(main.secureUrl!);
  servers.extension = await startKapi({
    backend: 'memory',
    label: 'extension',
    cpuProfDir: ctx.cfg.cpuProfDir,
    securePort: extPort,
    tlsArgs: pki.extensionTLS,
    extraArgs: [
      '--authentication-kubeconfig',
      kubeconfig,
      '--authorization-kubeconfig',
      kubeconfig,
      '--runtime-config',
      'api/all=false',
      '--runtime-config',
      'widgets.example.dev/v1=true',
      '--plugin',
      '@kapi/example-widgets',
      '--log-level',
      'warn',
    ],
  });
  const ext = servers.extension;
  const apiService = await apiFetch(`${main.url}/apis/apiregistration.k8s.io/v1/apiservices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1.widgets.example.dev' },
      spec: {
        group: 'widgets.example.dev',
        version: 'v1',
        groupPriorityMinimum: 1000,
        versionPriority: 15,
        service: { namespace: 'default', name: 'widgets-api', port: 443 },
        caBundle: Buffer.from(pki.caPEM).toString('base64'),
      },
    }),
  });
  if (apiService.status !== 201 && apiService.status !== 409) throw new Error(`create APIService: ${apiService.status} ${await apiService.text()}`);
  await waitFor('APIService v1.widgets.example.dev Available', async () => {
    const r = await apiFetch(`${main.url}/apis/apiregistration.k8s.io/v1/apiservices/v1.widgets.example.dev`);
    const s = (await r.json()) as { status?: { conditions?: { type: string; status: string }[] } };
    return Boolean(s.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True'));
  });
  // The widget, created through the aggregator (so the proxy's write path works too).
  const created = await apiFetch(
    `${main.secureUrl}/apis/widgets.example.dev/v1/namespaces/default/widgets`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'widgets.example.dev/v1',
        kind: 'Widget',
        metadata: { name: 'bench-widget', namespace: 'default', labels: { team: 'bench' } },
        spec: { color: 'blue', size: 'large', count: 3 },
      }),
    },
    pki.admin,
  );
  if (created.status !== 201 && created.status !== 409) throw new Error(`create widget through the aggregator: ${created.status} ${await created.text()}`);
  const runs = ctx.cfg.quick ? 300 : 1000;
  const cpu = sampleCpu({ aggregator: main.pid, extension: ext.pid });
  const r = await runJob<GetPairLatencyResult>(
    { kind: 'get-pair-latency', a: { url: main.secureUrl!, path: widgetPath, tls: pki.admin }, b: { url: ext.secureUrl!, path: widgetPath, tls: pki.admin }, runs, warmups: 50 },
    300_000,
  );
  const c = cpu();
  ctx.figures.aggregatedGetP50Ms = r.a.p50Ms;
  ctx.figures.aggregatedGetP99Ms = r.a.p99Ms;
  ctx.figures.directGetP50Ms = r.b.p50Ms;
  ctx.figures.directGetP99Ms = r.b.p99Ms;
  // Per aggregated GET the aggregator's CPU is its whole cost (the direct GETs never reach it).
  const aggregatorCpuMsPerGet = Math.round(((c.seconds.aggregator ?? NaN) * 1000 * 100) / (runs + 50)) / 100;
  ctx.details.aggregation = { ...r, cpuPct: c.pct, aggregatorCpuMsPerGet, extensionCpuMsPerGetPair: Math.round(((c.seconds.extension ?? NaN) * 1000 * 100) / (runs + 50)) / 100 };
  ctx.log(
    `aggregation: GET through the aggregator p50 ${r.a.p50Ms.toFixed(2)} ms (p99 ${r.a.p99Ms.toFixed(1)}), direct p50 ${r.b.p50Ms.toFixed(2)} ms (p99 ${r.b.p99Ms.toFixed(1)}); aggregator CPU ${aggregatorCpuMsPerGet} ms per proxied GET`,
  );
}
