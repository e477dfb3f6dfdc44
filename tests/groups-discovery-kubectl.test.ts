import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { createTestServer } from './support/create-test-server';
import { kubectl, kubectlOk } from './support/kubectl';

const manifest = readFileSync(path.join(__dirname, 'fixtures', 'every-kind', 'discovery.yaml'), 'utf8');
const slice = (name: string, service: string, addressType: string, addresses: string[]) =>
  `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: ${name}\n  labels: {kubernetes.io/service-name: ${service}}\naddressType: ${addressType}\nports: [{port: 53, protocol: UDP, name: dns}]\nendpoints:\n${addresses.map((a) => `- addresses: [${a}]`).join('\n')}\n`;

/** discovery.k8s.io/v1 endpointslices through the real kubectl. */
describe('discovery.k8s.io/v1 through kubectl', function () {
  this.timeout(90_000);
  let server: KapiServer;
  before(async () => {
    server = await createTestServer();
  });
  after(() => server.close());

  const get = async (args: string[]) => kubectlOk(server.url, ['get', ...args]);

  it('lists endpointslices in discovery as kube does', async () => {
    const out = await kubectlOk(server.url, ['api-resources', '--api-group=discovery.k8s.io', '--no-headers']);
    expect(out.trim().split(/\s+/)).to.deep.equal(['endpointslices', 'discovery.k8s.io/v1', 'true', 'EndpointSlice']);
  });

  it("mirrors the kubernetes service's Endpoints as the kubernetes EndpointSlice, as kube-apiserver's reconciler does", async () => {
    const port = new URL(server.url).port;
    expect((await get(['endpointslice', 'kubernetes', '-n', 'default', '--no-headers'])).trim()).to.match(
      new RegExp(`^kubernetes\\s+IPv4\\s+${port}\\s+127\\.0\\.0\\.1\\s+\\d+s$`),
    );
    const slice = JSON.parse(await get(['endpointslice', 'kubernetes', '-n', 'default', '-o', 'json']));
    expect(slice.metadata.labels).to.deep.equal({ 'kubernetes.io/service-name': 'kubernetes' });
    expect(slice.ports).to.deep.equal([{ name: 'https', port: Number(port), protocol: 'TCP' }]);
    expect(slice.endpoints).to.deep.equal([{ addresses: ['127.0.0.1'], conditions: { ready: true } }]);
    expect((await get(['endpointslices', '-A', '-l', 'kubernetes.io/service-name=kubernetes', '-o', 'name'])).trim()).to.equal('endpointslice.discovery.k8s.io/kubernetes');
  });

  it('applies the manifest (client-side and server-side), prints ADDRESSTYPE PORTS ENDPOINTS and diffs empty', async () => {
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: manifest });
    expect(await get(['endpointslices', 'web-abc12'])).to.match(/^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE\nweb-abc12\s+IPv4\s+8080\s+10\.244\.1\.5,10\.244\.2\.7\s+\d+s\n$/);
    const diff = await kubectl(server.url, ['diff', '-f', '-'], { input: manifest });
    expect([diff.code, diff.stdout]).to.deep.equal([0, '']);
    await kubectlOk(server.url, ['apply', '--server-side', '-f', '-'], { input: manifest });
    const ssaDiff = await kubectl(server.url, ['diff', '--server-side', '-f', '-'], { input: manifest });
    expect([ssaDiff.code, ssaDiff.stdout]).to.deep.equal([0, '']);
    const stored = JSON.parse(await get(['endpointslice', 'web-abc12', '-o', 'json']));
    expect(stored.metadata.generation).to.equal(1);
    const described = await kubectlOk(server.url, ['describe', 'endpointslice', 'web-abc12']);
    expect(described).to.match(/AddressType:\s+IPv4/);
    expect(described).to.match(/Addresses:\s+10\.244\.1\.5/);
  });

  it('selects a Service\'s slices by the kubernetes.io/service-name label and prints "+ N more"', async () => {
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: slice('dns-v4', 'dns', 'IPv4', ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) });
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: slice('dns-v6', 'dns', 'IPv6', ['fd00::1']) });
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: slice('other', 'other', 'IPv4', ['10.0.1.1']) });
    const out = await get(['endpointslices', '-l', 'kubernetes.io/service-name=dns', '--no-headers']);
    const rows = out
      .trim()
      .split('\n')
      .map((l) =>
        l
          .trim()
          .split(/\s{2,}/)
          .slice(0, 4),
      );
    expect(rows).to.deep.equal([
      ['dns-v4', 'IPv4', '53', '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...'],
      ['dns-v6', 'IPv6', '53', 'fd00::1'],
    ]);
  });

  it("keeps addressType immutable and refuses bad addresses with kube's 422 causes", async () => {
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: slice('imm', 'imm', 'IPv4', ['10.0.2.1']) });
    const changed = await kubectl(server.url, ['apply', '-f', '-'], { input: slice('imm', 'imm', 'IPv6', ['fd00::2']) });
    expect(changed.stderr).to.include('addressType: Invalid value: "IPv6": field is immutable');
    const bad = await kubectl(server.url, ['apply', '-f', '-'], { input: slice('bad', 'bad', 'IPv4', ['169.254.169.254']) });
    expect(bad.stderr).to.include(
      'The EndpointSlice "bad" is invalid: endpoints[0].addresses[0]: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    );
    expect((await kubectl(server.url, ['get', 'endpointslice', 'bad'])).stderr).to.include('NotFound');
  });

  it('deletes the manifest', async () => {
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: manifest });
    await kubectlOk(server.url, ['delete', '-f', '-'], { input: manifest });
    expect((await kubectl(server.url, ['get', '-f', '-'], { input: manifest })).stderr).to.include('NotFound');
  });

  it('--runtime-config discovery.k8s.io/v1=false removes the group', async () => {
    const off = await createTestServer({ runtimeConfig: { 'discovery.k8s.io/v1': 'false' } });
    try {
      const groups = JSON.parse(await kubectlOk(off.url, ['get', '--raw', '/apis'])).groups.map((g: { name: string }) => g.name);
      expect(groups).to.include('apps').and.not.include('discovery.k8s.io');
      expect((await kubectl(off.url, ['get', 'endpointslices'])).stderr).to.include('the server doesn\'t have a resource type "endpointslices"');
    } finally {
      await off.close();
    }
  });
});
