import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { proxyableHostAddress } from '../testing/host-address';
import { startLegacyAPIServer, type LegacyAPIServer } from '../testing/legacy-api-server';

const podsPath = '/api/v1/namespaces/default/pods';

function podBody(name: string, extra: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }], ...extra } };
}

describe('pod subresources over a real socket', function () {
  this.timeout(30_000);
  let s: LegacyAPIServer;
  before(async () => {
    s = await startLegacyAPIServer();
  });
  after(async () => s.close());

  it('binding sets spec.nodeName once and answers 409 after', async () => {
    expect((await s.request('POST', podsPath, podBody('b1'))).status).to.equal(201);
    const bind = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'b1' }, target: { kind: 'Node', name: 'node-a' } };
    const first = await s.request('POST', `${podsPath}/b1/binding`, bind);
    expect(first.status).to.equal(201);
    expect(first.body).to.include({ kind: 'Status', status: 'Success' });
    const pod = await s.request('GET', `${podsPath}/b1`);
    expect((pod.body.spec as { nodeName: string }).nodeName).to.equal('node-a');
    expect((pod.body.status as { conditions: { type: string }[] }).conditions[0].type).to.equal('PodScheduled');
    const again = await s.request('POST', `${podsPath}/b1/binding`, { ...bind, target: { name: 'node-b' } });
    expect(again.status).to.equal(409);
    expect(again.body.message).to.equal('Operation cannot be fulfilled on pods "b1": pod b1 is already assigned to node "node-a"');
    const legacy = await s.request('POST', '/api/v1/namespaces/default/bindings', { ...bind, metadata: { name: 'missing' } });
    expect(legacy.status).to.equal(404);
  });

  it('/status updates status only; the main resource ignores status', async () => {
    await s.request('POST', podsPath, podBody('st'));
    const cur = (await s.request('GET', `${podsPath}/st`)).body;
    const upd = await s.request('PUT', `${podsPath}/st/status`, { ...cur, spec: { ...(cur.spec as object), nodeName: 'x' }, status: { phase: 'Running', podIP: '10.244.0.9' } });
    expect(upd.status).to.equal(200);
    expect(upd.body.status).to.deep.include({ phase: 'Running', podIP: '10.244.0.9' });
    expect((upd.body.spec as { nodeName?: string }).nodeName).to.equal(undefined);
    const main = await s.request('PATCH', `${podsPath}/st`, { status: { phase: 'Failed' } });
    expect((main.body.status as { phase: string }).phase).to.equal('Running');
  });

  it('eviction deletes the pod', async () => {
    await s.request('POST', podsPath, podBody('ev'));
    const res = await s.request('POST', `${podsPath}/ev/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'ev' }, deleteOptions: {} });
    expect(res.status).to.equal(201);
    expect((await s.request('GET', `${podsPath}/ev`)).status).to.equal(404);
  });

  it('ephemeralcontainers adds a debug container and nothing else', async () => {
    await s.request('POST', podsPath, podBody('eph'));
    const cur = (await s.request('GET', `${podsPath}/eph/ephemeralcontainers`)).body;
    const spec = { ...(cur.spec as object), restartPolicy: 'Never', ephemeralContainers: [{ name: 'debug', image: 'busybox', targetContainerName: 'c' }] };
    const res = await s.request('PUT', `${podsPath}/eph/ephemeralcontainers`, { ...cur, spec });
    expect(res.status).to.equal(200);
    const out = res.body.spec as { restartPolicy: string; ephemeralContainers: { name: string; terminationMessagePolicy: string }[] };
    expect(out.restartPolicy).to.equal('Always');
    expect(out.ephemeralContainers[0]).to.include({ name: 'debug', terminationMessagePolicy: 'File' });
  });

  it('log/exec/attach/portforward/proxy answer as kube-apiserver without a node, without hanging', async () => {
    await s.request('POST', podsPath, podBody('nohost'));
    const log = await s.request('GET', `${podsPath}/nohost/log`);
    expect(log.status).to.equal(200);
    expect(log.text).to.equal('');
    for (const sub of ['exec?command=ls', 'attach', 'portforward']) {
      const res = await s.request('POST', `${podsPath}/nohost/${sub}`);
      expect(res.status, sub).to.equal(400);
      expect(res.body.message).to.equal('pod nohost does not have a host assigned');
    }
    const proxy = await s.request('GET', `${podsPath}/nohost/proxy`);
    expect(proxy.status).to.equal(400);
    expect(proxy.body.message).to.equal('address not allowed');
    const wrong = await s.request('GET', `${podsPath}/nohost/log?container=nope`);
    expect(wrong.status).to.equal(400);
    expect(wrong.body.message).to.equal('container nope is not valid for pod nohost');
  });

  it('pods/proxy reaches a pod IP given as name:port, and refuses special pod IPs in any notation', async function () {
    const host = proxyableHostAddress();
    if (!host) this.skip();
    const backend = http.createServer((req, res) => res.end(`pod saw ${req.url}`));
    await new Promise<void>((r) => backend.listen(0, '0.0.0.0', () => r()));
    const port = (backend.address() as { port: number }).port;
    const withIP = async (name: string, podIP: string) => {
      const created = await s.request('POST', podsPath, podBody(name));
      const res = await s.request('PUT', `${podsPath}/${name}/status`, { ...created.body, status: { podIP, podIPs: [{ ip: podIP }] } });
      expect(res.status, res.text).to.equal(200);
    };
    try {
      await withIP('served', host);
      const ok = await s.request('GET', `${podsPath}/served:${port}/proxy/metrics?x=1`);
      expect(ok.status).to.equal(200);
      expect(ok.text).to.equal('pod saw /metrics?x=1');
      const sneaky = await s.request('GET', `${podsPath}/served:80@127.0.0.1/proxy/`);
      expect(sneaky.status).to.equal(503);
      for (const [i, ip] of ['127.0.0.1', '::ffff:127.0.0.1', '169.254.169.254', '::1', '0.0.0.0'].entries()) {
        await withIP(`special-${i}`, ip);
        const res = await s.request('GET', `${podsPath}/special-${i}:${port}/proxy/`);
        expect(res.status, ip).to.equal(400);
        expect(res.body).to.include({ reason: 'BadRequest', message: 'address not allowed' });
      }
      expect((await s.request('GET', `${podsPath}/a:b:c:d/proxy/`)).body.message).to.equal('invalid pod request "a:b:c:d"');
    } finally {
      backend.close();
    }
  });

  it('exec on a node whose kubelet does not listen fails fast with the dial error', async () => {
    await s.request('POST', '/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'dead' },
      status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: 1 } } },
    });
    await s.request('POST', podsPath, podBody('onnode', { nodeName: 'dead' }));
    const started = Date.now();
    const res = await s.request('POST', `${podsPath}/onnode/exec?command=ls`);
    expect(res.status).to.equal(500);
    expect(res.body.message).to.match(/^error dialing backend: dial tcp 127\.0\.0\.1:1: connect: connection refused/);
    const log = await s.request('GET', `${podsPath}/onnode/log`);
    expect(log.status).to.equal(503);
    // nodes/proxy never connects to the API server's own host (IsProxyableHostname).
    const nodeProxy = await s.request('GET', '/api/v1/nodes/dead/proxy');
    expect(nodeProxy.status).to.equal(400);
    expect(nodeProxy.body.message).to.equal('address not allowed');
    expect(Date.now() - started).to.be.below(5000);
  });

  it('log and nodes/proxy reach a kubelet listening at the node address', async function () {
    const host = proxyableHostAddress();
    if (!host) this.skip();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kapi-kubelet-'));
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=kubelet'],
      { stdio: 'ignore' },
    );
    const kubelet = https.createServer({ key: readFileSync(path.join(dir, 'k.pem')), cert: readFileSync(path.join(dir, 'c.pem')) }, (req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`kubelet: ${req.url}`);
    });
    await new Promise<void>((r) => kubelet.listen(0, '0.0.0.0', () => r()));
    try {
      const port = (kubelet.address() as { port: number }).port;
      await s.request('POST', '/api/v1/nodes', {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'alive' },
        status: { addresses: [{ type: 'InternalIP', address: host }], daemonEndpoints: { kubeletEndpoint: { Port: port } } },
      });
      await s.request('POST', podsPath, podBody('logged', { nodeName: 'alive' }));
      const log = await s.request('GET', `${podsPath}/logged/log?tailLines=5`);
      expect(log.status).to.equal(200);
      expect(log.text).to.equal('kubelet: /containerLogs/default/logged/c?tailLines=5');
      const proxied = await s.request('GET', '/api/v1/nodes/alive/proxy/configz');
      expect(proxied.text).to.equal('kubelet: /configz');
      // The same kubelet behind a hostname that resolves to loopback is not reachable through nodes/proxy.
      await s.request('POST', '/api/v1/nodes', {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'sneaky' },
        status: { addresses: [{ type: 'Hostname', address: 'localhost' }], daemonEndpoints: { kubeletEndpoint: { Port: port } } },
      });
      const sneaky = await s.request('GET', '/api/v1/nodes/sneaky/proxy/configz');
      expect(sneaky.status).to.equal(400);
      expect(sneaky.body.message).to.equal('address not allowed');
    } finally {
      kubelet.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
