import { expect } from 'chai';
import type { Attributes, KObject, Store } from '@kapi/apiserver-core';
import { newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { networkingRESTStorageProvider } from '@kapi/registry-networking';
import { DefaultIngressClass, defaultIngressClassName } from './admission';

const ingressClass = (name: string, isDefault: string | undefined, creationTimestamp?: string): KObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name, creationTimestamp, annotations: isDefault === undefined ? undefined : { 'ingressclass.kubernetes.io/is-default-class': isDefault } },
  spec: { controller: 'example.com/lb' },
});
const ingress = (name: string, spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, annotations },
  spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } }, ...spec },
});
const creating = (object: KObject): Attributes => ({
  name: object.metadata?.name ?? '',
  namespace: 'default',
  resource: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' },
  subresource: '',
  operation: 'CREATE',
  dryRun: false,
  object,
  kind: { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' },
});

describe('DefaultIngressClass admission', () => {
  let group: TestGroup;
  let plugin: DefaultIngressClass;
  let classes: Store;
  beforeEach(async () => {
    group = await newTestGroup(networkingRESTStorageProvider);
    classes = group.storage.v1.ingressclasses as Store;
    plugin = new DefaultIngressClass();
    plugin.setStorageLookup((gr) => (gr.group === 'networking.k8s.io' ? group.storage.v1[gr.resource] : undefined));
  });
  afterEach(() => group.destroy());

  const admitted = async (obj: KObject) => {
    const a = creating(obj);
    await plugin.admit({}, a);
    return a.object!;
  };

  it('chooses the newest class annotated "true", then the first name', () => {
    expect(
      defaultIngressClassName([
        ingressClass('old', 'true', '2026-01-01T00:00:00Z'),
        ingressClass('new-b', 'true', '2026-06-01T00:00:00Z'),
        ingressClass('new-a', 'true', '2026-06-01T00:00:00Z'),
        ingressClass('newest-but-not-default', 'false', '2026-12-01T00:00:00Z'),
        ingressClass('plain', undefined, '2026-12-01T00:00:00Z'),
      ]),
    ).to.equal('new-a');
    expect(defaultIngressClassName([ingressClass('plain', undefined)])).to.equal(undefined);
  });

  it('gives a class-less Ingress the default class on create, and leaves named or annotated ones alone', async () => {
    expect((await admitted(ingress('before'))).spec).to.not.have.property('ingressClassName');
    await classes.create({}, ingressClass('plain', 'false'), undefined, {});
    await classes.create({}, ingressClass('nginx', 'true'), undefined, {});
    expect((await admitted(ingress('defaulted'))).spec).to.have.property('ingressClassName', 'nginx');
    expect((await admitted(ingress('named', { ingressClassName: 'plain' }))).spec).to.have.property('ingressClassName', 'plain');
    expect((await admitted(ingress('annotated', {}, { 'kubernetes.io/ingress.class': 'traefik' }))).spec).to.not.have.property('ingressClassName');
  });

  it('handles creates only (a server-side apply that creates is one), never updates of an Ingress that exists', () => {
    expect([plugin.handles('CREATE'), plugin.handles('UPDATE')]).to.deep.equal([true, false]);
  });
});
