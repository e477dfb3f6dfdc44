import { expect } from 'chai';
import { beforeCreate } from '@kapi/apiserver-core';
import { invalidCauses } from '../testing/causes';
import { resourceQuotaStrategy } from '../resourcequota/strategy';
import { serviceAccountStrategy } from '../serviceaccount/strategy';
import { limitRangeStrategy } from './strategy';

const ctx = { namespace: 'default' };

describe('limitrange, resourcequota and serviceaccount validation', () => {
  it('limit ranges: known types, valid quantities, min ≤ default ≤ max', () => {
    const causes = invalidCauses(() =>
      beforeCreate(limitRangeStrategy, ctx, {
        metadata: { name: 'l' },
        spec: { limits: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' }, default: { memory: 'lots' } }, { type: 'Node' }] },
      }),
    );
    expect(causes).to.include('spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1');
    expect(causes).to.include(
      'spec.limits[0].default[memory]: Invalid value: "lots": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    );
    expect(causes).to.include('spec.limits[1].type: Unsupported value: "Node": supported values: "Container", "PersistentVolumeClaim", "Pod"');
  });

  it("resource quotas: hard quantities and scopes; status is the controller's", () => {
    const q = { metadata: { name: 'q' }, spec: { hard: { pods: '10' } }, status: { used: { pods: '3' } } };
    beforeCreate(resourceQuotaStrategy, ctx, q);
    expect(q).to.not.have.property('status');
    const causes = invalidCauses(() => beforeCreate(resourceQuotaStrategy, ctx, { metadata: { name: 'q' }, spec: { hard: { pods: '-1' }, scopes: ['Sometimes'] } }));
    expect(causes).to.include('spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0');
    expect(causes[1]).to.match(/^spec.scopes\[0\]: Unsupported value: "Sometimes"/);
  });

  it('service accounts: secret references are DNS subdomains', () => {
    expect(invalidCauses(() => beforeCreate(serviceAccountStrategy, ctx, { metadata: { name: 'sa' }, secrets: [{ name: 'Bad_Name' }] }))[0]).to.match(
      /^secrets\[0\]\.name: Invalid value: "Bad_Name"/,
    );
  });
});
