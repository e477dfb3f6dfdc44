import { expect } from 'chai';
import { beforeCreate, beforeUpdate, isStatusError, type KObject } from '@kapi/apiserver-core';
import { ServiceStrategy } from './strategy';

const strategy = new ServiceStrategy(['IPv4']);

function svc(spec: Record<string, unknown>): KObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec };
}

function causes(fn: () => void): string[] {
  try {
    fn();
  } catch (err) {
    if (isStatusError(err) && err.code === 422) return (err.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    throw err;
  }
  throw new Error('expected 422 Invalid');
}

describe('service strategy', () => {
  it('defaults type, affinity, protocols, targetPorts, traffic and IP family fields', () => {
    const s = svc({ selector: { app: 'a' }, ports: [{ port: 80 }] });
    beforeCreate(strategy, { namespace: 'default' }, s);
    expect(s.spec).to.deep.include({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
    expect((s.spec as { ports: unknown[] }).ports[0]).to.deep.equal({ port: 80, protocol: 'TCP', targetPort: 80 });
    expect(s.status).to.deep.equal({ loadBalancer: {} });
  });

  it('gives headless services without selector RequireDualStack, and ExternalName no IP fields', () => {
    const headless = svc({ clusterIP: 'None' });
    beforeCreate(strategy, { namespace: 'default' }, headless);
    expect(headless.spec).to.deep.include({ clusterIPs: ['None'], ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4'] });
    const ext = svc({ type: 'ExternalName', externalName: 'example.com' });
    beforeCreate(strategy, { namespace: 'default' }, ext);
    expect(ext.spec).to.not.have.any.keys('ipFamilies', 'ipFamilyPolicy', 'internalTrafficPolicy', 'clusterIP');
  });

  it('refuses what kube-apiserver refuses', () => {
    const got = causes(() => beforeCreate(strategy, { namespace: 'default' }, svc({ ports: [{ port: 80, nodePort: 30001 }, { port: 70000 }] })));
    expect(got).to.include("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    expect(got).to.include('spec.ports[0].name: Required value');
    expect(got).to.include('spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive');
    expect(causes(() => beforeCreate(strategy, { namespace: 'default' }, svc({})))).to.include('spec.ports: Required value');
    expect(causes(() => beforeCreate(strategy, { namespace: 'default' }, svc({ type: 'ExternalName' })))).to.include('spec.externalName: Required value');
  });

  it('keeps allocated values an update leaves out, and refuses a changed clusterIP', () => {
    const old = svc({ type: 'NodePort', ports: [{ port: 80 }] });
    beforeCreate(strategy, { namespace: 'default' }, old);
    Object.assign(old.spec as object, { clusterIP: '10.0.0.7', clusterIPs: ['10.0.0.7'] });
    (old.spec as { ports: { nodePort: number }[] }).ports[0].nodePort = 30007;
    const applied = svc({ type: 'NodePort', ports: [{ port: 80 }] });
    beforeUpdate(strategy, { namespace: 'default' }, applied, old);
    expect(applied.spec).to.deep.include({ clusterIP: '10.0.0.7' });
    expect((applied.spec as { ports: { nodePort: number }[] }).ports[0].nodePort).to.equal(30007);
    const moved = structuredClone(old);
    Object.assign(moved.spec as object, { clusterIP: '10.0.0.8', clusterIPs: ['10.0.0.8'] });
    expect(causes(() => beforeUpdate(strategy, { namespace: 'default' }, moved, old))).to.include('spec.clusterIPs[0]: Invalid value: "10.0.0.8": may not change once set');
  });

  it('drops node ports it gave when the type goes back to ClusterIP', () => {
    const old = svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30007, protocol: 'TCP', targetPort: 80 }], clusterIP: '10.0.0.7' });
    beforeCreate(strategy, { namespace: 'default' }, old);
    const next = structuredClone(old);
    (next.spec as { type: string }).type = 'ClusterIP';
    beforeUpdate(strategy, { namespace: 'default' }, next, old);
    expect((next.spec as { ports: Record<string, unknown>[] }).ports[0]).to.not.have.property('nodePort');
    expect(next.spec).to.not.have.property('externalTrafficPolicy');
  });
});
