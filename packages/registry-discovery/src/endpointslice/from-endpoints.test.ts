import { expect } from 'chai';
import type { KObject } from '@kapi/apiserver-core';
import { endpointSliceFromEndpoints } from './from-endpoints';

const endpoints = (subsets: unknown[]): KObject => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes', namespace: 'default' }, subsets }) as KObject;

describe("endpointSliceFromEndpoints (the reconciler's mirror)", () => {
  it('takes the first subset: ports, ready and not-ready addresses, the service-name label', () => {
    const slice = endpointSliceFromEndpoints(
      endpoints([
        { addresses: [{ ip: '10.0.0.1', nodeName: 'n1' }], notReadyAddresses: [{ ip: '10.0.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
        { addresses: [{ ip: '10.9.9.9' }] },
      ]),
    );
    expect(slice).to.deep.equal({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
      endpoints: [
        { addresses: ['10.0.0.1'], conditions: { ready: true }, nodeName: 'n1' },
        { addresses: ['10.0.0.2'], conditions: { ready: false } },
      ],
    });
  });

  it('is IPv6 only when every address is, and keeps only addresses of its family', () => {
    expect(endpointSliceFromEndpoints(endpoints([{ addresses: [{ ip: 'fd00::1' }], ports: [] }])).addressType).to.equal('IPv6');
    const mixed = endpointSliceFromEndpoints(endpoints([{ addresses: [{ ip: 'fd00::1' }, { ip: '10.0.0.1' }], ports: [] }]));
    expect([mixed.addressType, mixed.endpoints]).to.deep.equal(['IPv4', [{ addresses: ['10.0.0.1'], conditions: { ready: true } }]]);
    expect(endpointSliceFromEndpoints(endpoints([]))).to.not.have.property('endpoints');
  });
});
