import { expect } from 'chai';
import http from 'node:http';
import { storage, type Store } from '@kapi/apiserver-core';
import { proxyableHostAddress } from '../testing/host-address';
import { startLegacyAPIServer, type LegacyAPIServer } from '../testing/legacy-api-server';

const svcPath = '/api/v1/namespaces/default/services';

function svc(name: string, spec: Record<string, unknown>) {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec };
}

describe('services over a real socket', function () {
  this.timeout(30_000);
  let s: LegacyAPIServer;
  before(async () => {
    s = await startLegacyAPIServer({ serviceClusterIPRange: '10.96.0.0/28', serviceNodePortRange: '30000-30009' });
  });
  after(async () => s.close());

  it('the bootstrap hook keeps the kubernetes service on the first IP, and its endpoints on this server', async () => {
    const k = await s.request('GET', `${svcPath}/kubernetes`);
    expect((k.body.spec as { clusterIP: string }).clusterIP).to.equal('10.96.0.1');
    const ep = await s.request('GET', '/api/v1/namespaces/default/endpoints/kubernetes');
    const port = Number(new URL(s.url).port);
    expect(ep.body.subsets).to.deep.equal([{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port, protocol: 'TCP' }] }]);
  });

  it('allocates, refuses an allocated IP or port with 422, and releases on delete', async () => {
    const a = await s.request('POST', svcPath, svc('a', { type: 'NodePort', ports: [{ port: 80 }] }));
    expect(a.status).to.equal(201);
    const spec = a.body.spec as { clusterIP: string; ports: { nodePort: number }[] };
    expect(spec.clusterIP).to.match(/^10\.96\.0\.\d+$/);
    const nodePort = spec.ports[0].nodePort;
    expect(nodePort).to.be.within(30000, 30009);
    const sameIP = await s.request('POST', svcPath, svc('b', { clusterIP: spec.clusterIP, ports: [{ port: 80 }] }));
    expect(sameIP.status).to.equal(422);
    expect(sameIP.body.message).to.equal(
      `Service "b" is invalid: spec.clusterIPs: Invalid value: ["${spec.clusterIP}"]: failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`,
    );
    const samePort = await s.request('POST', svcPath, svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort }] }));
    expect(samePort.status).to.equal(422);
    expect((samePort.body.details as { causes: { field: string }[] }).causes[0].field).to.equal('spec.ports[0].nodePort');
    // The failed creates gave back what they took: "c" did not keep an IP.
    expect((await s.request('DELETE', `${svcPath}/a`)).status).to.equal(200);
    const reuse = await s.request('POST', svcPath, svc('d', { clusterIP: spec.clusterIP, type: 'NodePort', ports: [{ port: 80, nodePort }] }));
    expect(reuse.status).to.equal(201);
    await s.request('DELETE', `${svcPath}/d`);
  });

  it('concurrent creates never share an IP, and an exhausted range answers 500 range is full', async () => {
    const res = await Promise.all(Array.from({ length: 12 }, (_, i) => s.request('POST', svcPath, svc(`many-${i}`, { ports: [{ port: 80 }] }))));
    const created = res.filter((r) => r.status === 201).map((r) => (r.body.spec as { clusterIP: string }).clusterIP);
    // A /28 has 14 usable addresses; one is the kubernetes service's.
    expect(created).to.have.length(12);
    expect(new Set(created).size).to.equal(12);
    await s.request('POST', svcPath, svc('last', { ports: [{ port: 80 }] }));
    const full = await s.request('POST', svcPath, svc('one-too-many', { ports: [{ port: 80 }] }));
    expect(full.status).to.equal(500);
    expect(full.body.message).to.equal('Internal error occurred: failed to allocate a serviceIP: range is full');
    for (let i = 0; i < 12; i++) await s.request('DELETE', `${svcPath}/many-${i}`);
    await s.request('DELETE', `${svcPath}/last`);
  });

  it('headless and ExternalName services take no IP; /status changes status only; proxy without endpoints is 503', async () => {
    const h = await s.request('POST', svcPath, svc('h', { clusterIP: 'None', selector: { app: 'x' } }));
    expect((h.body.spec as { clusterIPs: string[] }).clusterIPs).to.deep.equal(['None']);
    const e = await s.request('POST', svcPath, svc('e', { type: 'ExternalName', externalName: 'db.example.com' }));
    expect(e.body.spec).to.not.have.property('clusterIP');
    const cur = (await s.request('GET', `${svcPath}/h`)).body;
    const st = await s.request('PUT', `${svcPath}/h/status`, {
      ...cur,
      spec: { ...(cur.spec as object), selector: {} },
      status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
    });
    expect(st.status).to.equal(200);
    expect((st.body.spec as { selector: object }).selector).to.deep.equal({ app: 'x' });
    const proxy = await s.request('GET', `${svcPath}/h/proxy`);
    expect(proxy.status).to.equal(503);
    expect(proxy.body.message).to.equal('no endpoints available for service "h"');
  });

  it('services/proxy forwards a path and query to an endpoint address that is one of its pods', async function () {
    const host = proxyableHostAddress();
    if (!host) this.skip();
    const backend = http.createServer((req, res) => res.end(`backend saw ${req.method} ${req.url}`));
    await new Promise<void>((r) => backend.listen(0, '0.0.0.0', () => r()));
    const port = (backend.address() as { port: number }).port;
    const podsPath = '/api/v1/namespaces/default/pods';
    try {
      await s.request('POST', svcPath, svc('px', { ports: [{ name: 'web', port: 80 }] }));
      const pod = await s.request('POST', podsPath, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'px-0' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
      const cur = pod.body;
      expect((await s.request('PUT', `${podsPath}/px-0/status`, { ...cur, status: { podIP: host, podIPs: [{ ip: host }] } })).status).to.equal(200);
      const endpoints = s.info.versionedResourcesStorageMap.v1.endpoints as Store;
      const write = async (addresses: Record<string, unknown>[]) => {
        await endpoints.storage.delete('/endpoints/default/px', {}).catch(() => undefined);
        await endpoints.storage.create('/endpoints/default/px', {
          apiVersion: 'v1',
          kind: 'Endpoints',
          metadata: { name: 'px', namespace: 'default', uid: 'u1' },
          subsets: [{ addresses, ports: [{ name: 'web', port, protocol: 'TCP' }] }],
        });
      };
      const podRef = { kind: 'Pod', namespace: 'default', name: 'px-0' };
      await write([{ ip: host, targetRef: podRef }]);
      const res = await s.request('GET', `${svcPath}/px:web/proxy/healthz/deep?x=1`);
      expect(res.status).to.equal(200);
      expect(res.text).to.equal('backend saw GET /healthz/deep?x=1');
      // An address that is no pod's (written by hand), or loopback even when a pod claims it: no endpoint.
      for (const addresses of [[{ ip: host }], [{ ip: '127.0.0.1', targetRef: podRef }], [{ ip: '10.9.9.9', targetRef: podRef }]]) {
        await write(addresses);
        const refused = await s.request('GET', `${svcPath}/px:web/proxy/`);
        expect(refused.status, JSON.stringify(addresses)).to.equal(503);
        expect(refused.body.message).to.equal('no endpoints available for service "px:web"');
      }
    } finally {
      backend.close();
      await s.request('DELETE', `${svcPath}/px`);
      await s.request('DELETE', `${podsPath}/px-0`);
    }
  });

  it('a server-side apply that creates a service allocates its IP and node port as a create does (Helm v4 creates so)', async () => {
    const apply = (name: string, spec: Record<string, unknown>) =>
      s.request('PATCH', `${svcPath}/${name}?fieldManager=helm`, svc(name, spec), { 'Content-Type': 'application/apply-patch+yaml' });
    const a = await apply('applied', { type: 'NodePort', ports: [{ port: 80 }] });
    expect(a.status).to.equal(201);
    const spec = a.body.spec as { clusterIP: string; clusterIPs: string[]; ports: { nodePort: number }[] };
    expect(spec.clusterIP).to.match(/^10\.96\.0\.\d+$/);
    expect(spec.clusterIPs).to.deep.equal([spec.clusterIP]);
    expect(spec.ports[0].nodePort).to.be.within(30000, 30009);
    // Taken, not just written: a create naming the same IP is refused, and the delete gives it back.
    const clash = await s.request('POST', svcPath, svc('clash', { clusterIP: spec.clusterIP, ports: [{ port: 80 }] }));
    expect(clash.status).to.equal(422);
    // An apply that names a taken IP is refused like a create, and keeps nothing it took.
    const taken = await apply('taken', { clusterIP: spec.clusterIP, type: 'NodePort', ports: [{ port: 80 }] });
    expect(taken.status).to.equal(422);
    expect((await s.request('GET', `${svcPath}/taken`)).status).to.equal(404);
    expect((await s.request('DELETE', `${svcPath}/applied`)).status).to.equal(200);
    const reuse = await s.request('POST', svcPath, svc('reuse', { clusterIP: spec.clusterIP, type: 'NodePort', ports: [{ port: 80, nodePort: spec.ports[0].nodePort }] }));
    expect(reuse.status).to.equal(201);
    await s.request('DELETE', `${svcPath}/reuse`);
  });

  it('a dry-run create reports allocation conflicts and keeps nothing', async () => {
    const dry = await s.request('POST', `${svcPath}?dryRun=All`, svc('dry', { clusterIP: '10.96.0.5', type: 'NodePort', ports: [{ port: 80, nodePort: 30005 }] }));
    expect(dry.status).to.equal(201);
    expect((await s.request('GET', `${svcPath}/dry`)).status).to.equal(404);
    const real = await s.request('POST', svcPath, svc('real', { clusterIP: '10.96.0.5', type: 'NodePort', ports: [{ port: 80, nodePort: 30005 }] }));
    expect(real.status).to.equal(201);
    const clash = await s.request('POST', `${svcPath}?dryRun=All`, svc('dry', { clusterIP: '10.96.0.5', ports: [{ port: 80 }] }));
    expect(clash.status).to.equal(422);
    await s.request('DELETE', `${svcPath}/real`);
  });

  it('keeps allocations across a restart on the same storage', async () => {
    const backend = await storage.newMemoryBackend({ type: 'memory', prefix: '/registry' });
    const first = await startLegacyAPIServer({ serviceClusterIPRange: '10.97.0.0/29' }, backend);
    const kept = ((await first.request('POST', svcPath, svc('kept', { ports: [{ port: 80 }] }))).body.spec as { clusterIP: string }).clusterIP;
    await first.close();
    const second = await startLegacyAPIServer({ serviceClusterIPRange: '10.97.0.0/29' }, backend);
    const clash = await second.request('POST', svcPath, svc('clash', { clusterIP: kept, ports: [{ port: 80 }] }));
    expect(clash.status).to.equal(422);
    const ips = new Set<string>([kept, '10.97.0.1']);
    for (let i = 0; i < 4; i++) ips.add(((await second.request('POST', svcPath, svc(`n${i}`, { ports: [{ port: 80 }] }))).body.spec as { clusterIP: string }).clusterIP);
    expect(ips.size).to.equal(6);
    await second.close();
    await backend.destroy();
  });
});
