import { expect } from 'chai';
import {
  allResourcesEnabled,
  storage,
  StorageFactoryRestOptionsFactory,
  type KObject,
  type RequestContext,
  type StorageBackend,
  type Store,
  type UpdatedObjectInfo,
} from '@kapi/apiserver-core';
import { discoveryRESTStorageProvider } from '../rest/storage-discovery';
import { serviceNameLabel } from './types';
import { invalidMessage as invalid } from '@kapi/apiserver-core/registry/definition/testing';

const ctx: RequestContext = { namespace: 'default' };
const slice = (name: string, body: Record<string, unknown>): KObject => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name, labels: { [serviceNameLabel]: 'web' } },
  ...body,
});
const modify = (fn: (o: KObject & Record<string, unknown>) => void): UpdatedObjectInfo => ({
  preconditions: () => undefined,
  updatedObject: async (_c, old) => {
    const o = structuredClone(old!) as KObject & Record<string, unknown>;
    fn(o);
    return o;
  },
});

describe('discovery.k8s.io/v1 EndpointSlice', () => {
  let backend: StorageBackend;
  let slices: Store;
  beforeEach(async () => {
    const config: storage.Config = { type: 'memory', prefix: '/registry' };
    backend = await storage.newMemoryBackend(config);
    const info = await discoveryRESTStorageProvider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
    expect(Object.keys(info.versionedResourcesStorageMap.v1)).to.deep.equal(['endpointslices']);
    slices = info.versionedResourcesStorageMap.v1.endpointslices as Store;
  });
  afterEach(() => backend.destroy());

  it('defaults port name and protocol, starts at generation 1 and drops deprecatedTopology', async () => {
    const out = (await slices.create(
      ctx,
      slice('web-abc', {
        addressType: 'IPv4',
        endpoints: [{ addresses: ['10.1.2.3'], deprecatedTopology: { 'kubernetes.io/hostname': 'n1' } }],
        ports: [{ port: 80 }],
      }),
      undefined,
      {},
    )) as KObject & Record<string, unknown>;
    expect(out.ports).to.deep.equal([{ port: 80, name: '', protocol: 'TCP' }]);
    expect(out.endpoints).to.deep.equal([{ addresses: ['10.1.2.3'] }]);
    expect(out.metadata?.generation).to.equal(1);
  });

  it("refuses a missing address type, bad addresses and ports with kube-apiserver's messages", async () => {
    expect(await invalid(slices.create(ctx, slice('s', { endpoints: [{ addresses: [] }] }), undefined, {}))).to.equal(
      'EndpointSlice.discovery.k8s.io "s" is invalid: [addressType: Required value, endpoints[0].addresses: Required value: must contain at least 1 address]',
    );
    expect(
      await invalid(
        slices.create(
          ctx,
          slice('s', {
            addressType: 'IPv4',
            endpoints: [{ addresses: ['fd00::1', '127.0.0.1'], hostname: 'Bad_Host' }],
            ports: [
              { name: 'http', protocol: 'ICMP', port: 80 },
              { name: 'http', port: 81 },
            ],
          }),
          undefined,
          {},
        ),
      ),
    ).to.equal(
      'EndpointSlice.discovery.k8s.io "s" is invalid: [endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address, ' +
        'endpoints[0].addresses[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128), ' +
        "endpoints[0].hostname: Invalid value: \"Bad_Host\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?'), " +
        'ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP", ports[1].name: Duplicate value: "http"]',
    );
    const zones = Array.from({ length: 9 }, (_, i) => ({ name: `zone-${i}` }));
    expect(await invalid(slices.create(ctx, slice('s', { addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'], hints: { forZones: zones } }] }), undefined, {}))).to.equal(
      'EndpointSlice.discovery.k8s.io "s" is invalid: endpoints[0].hints.forZones: Too many: 9: must have at most 8 items',
    );
    expect(await invalid(slices.create(ctx, slice('s', { addressType: 'IP' }), undefined, {}))).to.equal(
      'EndpointSlice.discovery.k8s.io "s" is invalid: addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"',
    );
    expect(await invalid(slices.create(ctx, slice('s', { addressType: 'FQDN', endpoints: [{ addresses: ['localhost'] }] }), undefined, {}))).to.equal(
      'EndpointSlice.discovery.k8s.io "s" is invalid: endpoints[0].addresses[0]: Invalid value: "localhost": should be a domain with at least two segments separated by dots',
    );
  });

  it('warns that FQDN slices are deprecated', async () => {
    const fqdn: RequestContext = { namespace: 'default' };
    await slices.create(fqdn, slice('f', { addressType: 'FQDN', endpoints: [{ addresses: ['db.example.com'] }] }), undefined, {});
    expect(fqdn.warnings).to.deep.equal(['spec.addressType: FQDN endpoints are deprecated']);
  });

  it('keeps addressType immutable and moves the generation with endpoints and labels only', async () => {
    await slices.create(ctx, slice('s', { addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'] }] }), undefined, {});
    expect(
      await invalid(
        slices.update(
          ctx,
          's',
          modify((o) => {
            o.addressType = 'IPv6';
            o.endpoints = [{ addresses: ['fd00::1'] }];
          }),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('EndpointSlice.discovery.k8s.io "s" is invalid: addressType: Invalid value: "IPv6": field is immutable');
    const annotated = await slices.update(
      ctx,
      's',
      modify((o) => (o.metadata!.annotations = { a: 'b' })),
      undefined,
      undefined,
      false,
      {},
    );
    expect(annotated.obj.metadata?.generation).to.equal(1);
    const relabelled = await slices.update(
      ctx,
      's',
      modify((o) => (o.metadata!.labels = { [serviceNameLabel]: 'api' })),
      undefined,
      undefined,
      false,
      {},
    );
    expect(relabelled.obj.metadata?.generation).to.equal(2);
    const moved = await slices.update(
      ctx,
      's',
      modify((o) => (o.endpoints = [{ addresses: ['10.0.0.2'] }])),
      undefined,
      undefined,
      false,
      {},
    );
    expect(moved.obj.metadata?.generation).to.equal(3);
  });

  it('prints NAME ADDRESSTYPE PORTS ENDPOINTS AGE with at most three entries', async () => {
    const out = await slices.create(
      ctx,
      slice('s', {
        addressType: 'IPv4',
        endpoints: [{ addresses: ['10.0.0.1', '10.0.0.2'] }, { addresses: ['10.0.0.3'] }, { addresses: ['10.0.0.4'] }],
        ports: [{ name: 'http', port: 80 }, { name: 'named' }],
      }),
      undefined,
      {},
    );
    const empty = await slices.create(ctx, slice('e', { addressType: 'IPv6' }), undefined, {});
    const table = await slices.convertToTable(ctx, { apiVersion: 'v1', kind: 'List', metadata: {}, items: [out, empty] } as never, {});
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
    expect(table.rows.map((r) => r.cells.slice(0, 4))).to.deep.equal([
      ['s', 'IPv4', '80,named', '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...'],
      ['e', 'IPv6', '<unset>', '<unset>'],
    ]);
  });
});
