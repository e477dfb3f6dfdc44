import { expect } from 'chai';
import type { KObject, RequestContext, UpdatedObjectInfo } from '@kapi/apiserver-core';
import { newNetworkingTestStorage, type NetworkingTestStorage } from '../testing/networking-test-storage';
import { defaultIngressClassName } from './default-class';

const ctx: RequestContext = { namespace: 'default' };
const ingressClass = (name: string, isDefault: string | undefined, creationTimestamp?: string): KObject => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass',
  metadata: { name, creationTimestamp, annotations: isDefault === undefined ? undefined : { 'ingressclass.kubernetes.io/is-default-class': isDefault } },
  spec: { controller: 'example.com/lb' },
});
const ingress = (name: string, spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KObject => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, annotations },
  spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } }, ...spec },
});

describe('DefaultIngressClass admission', () => {
  let s: NetworkingTestStorage;
  beforeEach(async () => (s = await newNetworkingTestStorage()));
  afterEach(() => s.backend.destroy());

  it('chooses the newest class annotated "true", then the first name', () => {
    expect(defaultIngressClassName([
      ingressClass('old', 'true', '2026-01-01T00:00:00Z'),
      ingressClass('new-b', 'true', '2026-06-01T00:00:00Z'),
      ingressClass('new-a', 'true', '2026-06-01T00:00:00Z'),
      ingressClass('newest-but-not-default', 'false', '2026-12-01T00:00:00Z'),
      ingressClass('plain', undefined, '2026-12-01T00:00:00Z'),
    ])).to.equal('new-a');
    expect(defaultIngressClassName([ingressClass('plain', undefined)])).to.equal(undefined);
  });

  it('gives a class-less Ingress the default class on create, and leaves named or annotated ones alone', async () => {
    expect((await s.ingresses.create(ctx, ingress('before'), undefined, {})).spec).to.not.have.property('ingressClassName');
    await s.ingressClasses.create({}, ingressClass('plain', 'false'), undefined, {});
    await s.ingressClasses.create({}, ingressClass('nginx', 'true'), undefined, {});
    expect((await s.ingresses.create(ctx, ingress('defaulted'), undefined, {})).spec).to.have.property('ingressClassName', 'nginx');
    expect((await s.ingresses.create(ctx, ingress('named', { ingressClassName: 'plain' }), undefined, {})).spec).to.have.property('ingressClassName', 'plain');
    const annotated = await s.ingresses.create(ctx, ingress('annotated', {}, { 'kubernetes.io/ingress.class': 'traefik' }), undefined, {});
    expect(annotated.spec).to.not.have.property('ingressClassName');
  });

  it('defaults an Ingress an update creates (server-side apply), never one that exists', async () => {
    const put = (obj: KObject): UpdatedObjectInfo => ({ preconditions: () => undefined, updatedObject: async () => structuredClone(obj) });
    const classOf = (o: KObject) => (o.spec as { ingressClassName?: string }).ingressClassName;
    await s.ingresses.create(ctx, ingress('kept'), undefined, {});
    await s.ingressClasses.create({}, ingressClass('nginx', 'true'), undefined, {});
    const created = await s.ingresses.update(ctx, 'applied', put(ingress('applied')), undefined, undefined, true, {});
    expect([created.created, classOf(created.obj)]).to.deep.equal([true, 'nginx']);
    const updated = await s.ingresses.update(ctx, 'kept', put(ingress('kept')), undefined, undefined, true, {});
    expect([updated.created, classOf(updated.obj)]).to.deep.equal([false, undefined]);
  });
});
