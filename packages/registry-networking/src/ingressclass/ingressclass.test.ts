import { expect } from 'chai';
import type { KObject, RequestContext } from '@kapi/apiserver-core';
import { invalid, modify, newNetworkingTestStorage, type NetworkingTestStorage } from '../testing/networking-test-storage';

const ctx: RequestContext = {};
const ingressClass = (name: string, spec: Record<string, unknown>): KObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name },
  spec,
});

describe('networking.k8s.io/v1 IngressClass', () => {
  let s: NetworkingTestStorage;
  beforeEach(async () => (s = await newNetworkingTestStorage()));
  afterEach(() => s.backend.destroy());

  it('is cluster-scoped and defaults the parameters scope to Cluster', async () => {
    const out = await s.ingressClasses.create(
      ctx,
      ingressClass('nginx', {
        controller: 'k8s.io/ingress-nginx',
        parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' },
      }),
      undefined,
      {},
    );
    expect(out.metadata?.namespace).to.equal(undefined);
    expect((out.spec as { parameters: { scope: string } }).parameters.scope).to.equal('Cluster');
  });

  it("validates the controller and parameters with kube-apiserver's messages", async () => {
    expect(await invalid(s.ingressClasses.create(ctx, ingressClass('c', {}), undefined, {}))).to.equal(
      'IngressClass.networking.k8s.io "c" is invalid: spec.controller: Required value',
    );
    expect(
      await invalid(
        s.ingressClasses.create(
          ctx,
          ingressClass('c', {
            controller: 'nginx',
            parameters: { kind: 'Params', name: 'p', scope: 'Namespace' },
          }),
          undefined,
          {},
        ),
      ),
    ).to.equal(
      'IngressClass.networking.k8s.io "c" is invalid: [spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo"), ' +
        "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace']",
    );
    expect(
      await invalid(
        s.ingressClasses.create(
          ctx,
          ingressClass('c', {
            controller: 'example.com/lb',
            parameters: { name: 'a%b', scope: 'Cluster', namespace: 'x' },
          }),
          undefined,
          {},
        ),
      ),
    ).to.equal(
      'IngressClass.networking.k8s.io "c" is invalid: [spec.parameters.kind: Required value: kind is required, ' +
        "spec.parameters.name: Invalid value: \"a%b\": may not contain '%', spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster']",
    );
    expect(
      await invalid(
        s.ingressClasses.create(
          ctx,
          ingressClass('c', {
            controller: 'example.com/lb',
            parameters: { kind: 'P', name: 'p', scope: 'Global' },
          }),
          undefined,
          {},
        ),
      ),
    ).to.equal('IngressClass.networking.k8s.io "c" is invalid: spec.parameters.scope: Unsupported value: "Global": supported values: "Cluster", "Namespace"');
  });

  it('keeps the controller immutable; parameters may change', async () => {
    await s.ingressClasses.create(ctx, ingressClass('c', { controller: 'example.com/lb' }), undefined, {});
    expect(
      await invalid(
        s.ingressClasses.update(
          ctx,
          'c',
          modify((o) => ((o.spec as { controller: string }).controller = 'example.com/other')),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('IngressClass.networking.k8s.io "c" is invalid: spec.controller: Invalid value: "example.com/other": field is immutable');
    const { obj } = await s.ingressClasses.update(
      ctx,
      'c',
      modify((o) => ((o.spec as Record<string, unknown>).parameters = { kind: 'P', name: 'p', scope: 'Namespace', namespace: 'lb' })),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.metadata?.generation).to.equal(2);
  });

  it('prints NAME CONTROLLER PARAMETERS AGE', async () => {
    const a = await s.ingressClasses.create(
      ctx,
      ingressClass('a', { controller: 'example.com/lb', parameters: { apiGroup: 'k8s.example.com', kind: 'Params', name: 'p' } }),
      undefined,
      {},
    );
    const b = await s.ingressClasses.create(ctx, ingressClass('b', { controller: 'example.com/lb' }), undefined, {});
    const table = await s.ingressClasses.convertToTable(ctx, { apiVersion: 'v1', kind: 'List', metadata: {}, items: [a, b] } as never, {});
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Controller', 'Parameters', 'Age']);
    expect(table.rows.map((r) => r.cells.slice(0, 3))).to.deep.equal([
      ['a', 'example.com/lb', 'Params.k8s.example.com/p'],
      ['b', 'example.com/lb', '<none>'],
    ]);
  });
});
