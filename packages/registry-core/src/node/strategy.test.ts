import { expect } from 'chai';
import { beforeCreate, beforeUpdate } from '@kapi/apiserver-core';
import { invalidCauses } from '../testing/causes';
import { nodeStatusStrategy, nodeStrategy } from './strategy';

describe('node strategy', () => {
  it('keeps the status a kubelet registers with, and keeps it on spec updates', () => {
    const node = { metadata: { name: 'n1' }, spec: {}, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.5' }] } };
    beforeCreate(nodeStrategy, {}, node);
    expect(node.status.addresses).to.have.length(1);
    const upd = { ...structuredClone(node), spec: { unschedulable: true }, status: {} };
    beforeUpdate(nodeStrategy, {}, upd, node);
    expect(upd.status).to.deep.equal(node.status);
    const st = { ...structuredClone(node), spec: { unschedulable: false }, status: { phase: 'Running' } };
    beforeUpdate(nodeStatusStrategy, {}, st, upd);
    expect(st.spec).to.deep.equal({ unschedulable: true });
  });

  it('validates taints and pod CIDRs, and pod CIDRs cannot change once set', () => {
    const causes = invalidCauses(() => beforeCreate(nodeStrategy, {}, { metadata: { name: 'n' }, spec: { podCIDRs: ['10.0.0.0'], taints: [{ key: 'k', effect: 'Sometimes' }] } }));
    expect(causes).to.include('spec.podCIDRs[0]: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
    expect(causes).to.include('spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoExecute", "NoSchedule", "PreferNoSchedule"');
    const old = { metadata: { name: 'n', uid: 'u', creationTimestamp: 'x' as never }, spec: { podCIDRs: ['10.244.0.0/24'] } };
    expect(invalidCauses(() => beforeUpdate(nodeStrategy, {}, { ...structuredClone(old), spec: { podCIDRs: ['10.245.0.0/24'] } }, old))).to.deep.equal([
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    ]);
  });
});
