import { expect } from 'chai';
import { beforeCreate, beforeUpdate } from '@kapi/apiserver-core';
import { invalidCauses } from '../testing/causes';
import { replicationControllerStatusStrategy, replicationControllerStrategy } from './strategy';

const ctx = { namespace: 'default' };
const template = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

describe('replicationcontroller strategy', () => {
  it('defaults selector, labels and replicas from the template, and the template as a pod', () => {
    const rc = { metadata: { name: 'r' } as Record<string, unknown>, spec: { template: structuredClone(template) } as Record<string, unknown> };
    beforeCreate(replicationControllerStrategy, ctx, rc);
    expect(rc.spec).to.deep.include({ replicas: 1, selector: { app: 'a' } });
    expect(rc.metadata).to.deep.include({ labels: { app: 'a' }, generation: 1 });
    expect((rc.spec.template as { spec: Record<string, unknown> }).spec).to.include({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' });
  });

  it('refuses a selector that does not match and a restartPolicy other than Always', () => {
    const causes = invalidCauses(() =>
      beforeCreate(replicationControllerStrategy, ctx, {
        metadata: { name: 'r' },
        spec: { selector: { app: 'b' }, replicas: -1, template: { ...structuredClone(template), spec: { ...template.spec, restartPolicy: 'Never' } } },
      }),
    );
    expect(causes).to.include('spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(causes).to.include('spec.template.metadata.labels: Invalid value: {"app":"a"}: `selector` does not match template `labels`');
    expect(causes).to.include('spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"');
  });

  it('bumps generation on spec changes only; /status does not touch spec', () => {
    const rc = { metadata: { name: 'r' } as Record<string, unknown>, spec: { template: structuredClone(template) } as Record<string, unknown> };
    beforeCreate(replicationControllerStrategy, ctx, rc);
    const scaled = structuredClone(rc);
    scaled.spec.replicas = 4;
    beforeUpdate(replicationControllerStrategy, ctx, scaled, rc);
    expect((scaled.metadata as { generation: number }).generation).to.equal(2);
    const status = { ...structuredClone(scaled), spec: { replicas: 9 }, status: { replicas: 4 } };
    beforeUpdate(replicationControllerStatusStrategy, ctx, status, scaled);
    expect((status.spec as { replicas: number }).replicas).to.equal(4);
    expect((status.metadata as { generation: number }).generation).to.equal(2);
  });
});
