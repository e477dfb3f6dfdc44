import { expect } from 'chai';
import type { KObject, RequestContext } from '@kapi/apiserver-core';
import { invalid, modify, newNetworkingTestStorage, type NetworkingTestStorage } from '../testing/networking-test-storage';

const ctx: RequestContext = { namespace: 'default' };
const policy = (name: string, spec: Record<string, unknown>): KObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name },
  spec,
});

describe('networking.k8s.io/v1 NetworkPolicy', () => {
  let s: NetworkingTestStorage;
  beforeEach(async () => (s = await newNetworkingTestStorage()));
  afterEach(() => s.backend.destroy());

  it('defaults policyTypes from the rules and ports to TCP', async () => {
    const ingressOnly = await s.networkPolicies.create(ctx, policy('a', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] }), undefined, {});
    expect(ingressOnly.spec).to.deep.equal({ podSelector: {}, ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }], policyTypes: ['Ingress'] });
    const both = await s.networkPolicies.create(ctx, policy('b', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] }), undefined, {});
    expect((both.spec as { policyTypes: string[] }).policyTypes).to.deep.equal(['Ingress', 'Egress']);
    expect(both.metadata?.generation).to.equal(1);
  });

  it("validates ports, peers and ipBlocks with kube-apiserver's messages", async () => {
    const msg = await invalid(
      s.networkPolicies.create(
        ctx,
        policy('p', {
          podSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['x'] }] },
          ingress: [
            {
              ports: [
                { protocol: 'ICMP', port: 70000 },
                { port: 'http', endPort: 90 },
                { port: 100, endPort: 90 },
              ],
              from: [{}, { podSelector: {}, ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24', 'nope'] } }],
            },
          ],
          policyTypes: ['Ingress', 'Sideways'],
        }),
        undefined,
        {},
      ),
    );
    expect(msg).to.equal(
      'NetworkPolicy.networking.k8s.io "p" is invalid: [' +
        [
          'spec.podSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
          'spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
          'spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
          'spec.ingress[0].ports[1].endPort: Invalid value: 90: may not be specified when `port` is non-numeric',
          'spec.ingress[0].ports[2].endPort: Invalid value: 100: must be greater than or equal to `port`',
          'spec.ingress[0].from[0]: Required value: must specify a peer',
          'spec.ingress[0].from[1].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`',
          'spec.ingress[0].from[1].ipBlock.except[1]: Invalid value: "nope": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
          'spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer',
          'spec.policyTypes[1]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"',
        ].join(', ') +
        ']',
    );
    expect(await invalid(s.networkPolicies.create(ctx, policy('q', { podSelector: {}, egress: [{ ports: [{ endPort: 90 }] }] }), undefined, {}))).to.equal(
      'NetworkPolicy.networking.k8s.io "q" is invalid: spec.egress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is not specified',
    );
    expect(await invalid(s.networkPolicies.create(ctx, policy('r', { podSelector: {}, policyTypes: ['Ingress', 'Egress', 'Ingress'] }), undefined, {}))).to.equal(
      'NetworkPolicy.networking.k8s.io "r" is invalid: spec.policyTypes: Invalid value: []networking.PolicyType{"Ingress", "Egress", "Ingress"}: may not specify more than two policyTypes',
    );
  });

  it('accepts an except inside the cidr and bumps generation on spec change only', async () => {
    await s.networkPolicies.create(
      ctx,
      policy('p', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }], ports: [{ port: 5432, endPort: 5440 }] }],
      }),
      undefined,
      {},
    );
    const relabelled = await s.networkPolicies.update(
      ctx,
      'p',
      modify((o) => (o.metadata!.labels = { a: 'b' })),
      undefined,
      undefined,
      false,
      {},
    );
    expect(relabelled.obj.metadata?.generation).to.equal(1);
    const changed = await s.networkPolicies.update(
      ctx,
      'p',
      modify((o) => ((o.spec as { policyTypes: string[] }).policyTypes = ['Ingress', 'Egress'])),
      undefined,
      undefined,
      false,
      {},
    );
    expect(changed.obj.metadata?.generation).to.equal(2);
  });

  it('prints NAME POD-SELECTOR AGE', async () => {
    const a = await s.networkPolicies.create(ctx, policy('a', { podSelector: { matchLabels: { app: 'db', tier: 'data' } } }), undefined, {});
    const b = await s.networkPolicies.create(ctx, policy('b', { podSelector: {} }), undefined, {});
    const table = await s.networkPolicies.convertToTable(ctx, { apiVersion: 'v1', kind: 'List', metadata: {}, items: [a, b] } as never, {});
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Pod-Selector', 'Age']);
    expect(table.rows.map((r) => r.cells.slice(0, 2))).to.deep.equal([
      ['a', 'app=db,tier=data'],
      ['b', '<none>'],
    ]);
  });
});
