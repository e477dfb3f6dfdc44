import { expect } from 'chai';
import type { KObject, RequestContext, Store, Table } from '@kapi/apiserver-core';
import { invalidMessage, newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { newFlowcontrolRESTStorageProvider } from '../rest/storage-flowcontrol';

const ctx: RequestContext = {};
const level = (name: string, spec: Record<string, unknown>): KObject => ({
  apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
  kind: 'PriorityLevelConfiguration',
  metadata: { name },
  spec,
});

describe('flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration', () => {
  let group: TestGroup;
  let levels: Store;
  beforeEach(async () => {
    group = await newTestGroup(newFlowcontrolRESTStorageProvider());
    levels = group.storage.v1.prioritylevelconfigurations as Store;
  });
  afterEach(() => group.destroy());

  it('defaults shares, lendable percent and the queuing numbers', async () => {
    const out = await levels.create(ctx, level('batch', { type: 'Limited', limited: { limitResponse: { type: 'Queue', queuing: {} } } }), undefined, {});
    expect(out.spec).to.deep.equal({
      type: 'Limited',
      limited: { nominalConcurrencyShares: 30, lendablePercent: 0, limitResponse: { type: 'Queue', queuing: { handSize: 8, queues: 64, queueLengthLimit: 50 } } },
    });
  });

  it("validates type, queuing and percentages with kube-apiserver's messages", async () => {
    const spec = { type: 'Limited', limited: { lendablePercent: 120, limitResponse: { type: 'Queue', queuing: { queues: 4, handSize: 6, queueLengthLimit: 10 } } } };
    expect(await invalidMessage(levels.create(ctx, level('batch', spec), undefined, {}))).to.equal(
      'PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io "batch" is invalid: [spec.limited.limitResponse.queuing.handSize: Invalid value: 6: should not be greater than queues (4), spec.limited.lendablePercent: Invalid value: 120: must be between 0 and 100, inclusive]',
    );
    expect(await invalidMessage(levels.create(ctx, level('exempt', { type: 'Limited', limited: { limitResponse: { type: 'Reject' } } }), undefined, {}))).to.match(
      /^PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io "exempt" is invalid: \[spec.type: Invalid value: "Limited": type must be 'Exempt' if and only if name is 'exempt', spec: Invalid value: .*: spec of 'exempt' except the 'spec.exempt' field must equal the fixed value\]$/,
    );
    expect(
      await invalidMessage(
        levels.create(ctx, level('deep', { type: 'Limited', limited: { limitResponse: { type: 'Queue', queuing: { queues: 1024, handSize: 7 } } } }), undefined, {}),
      ),
    ).to.include('spec.limited.limitResponse.queuing.handSize: Invalid value: 7: required entropy bits of deckSize 1024 and handSize 7 should not be greater than 60');
  });

  it('prints TYPE NOMINALCONCURRENCYSHARES QUEUES HANDSIZE QUEUELENGTHLIMIT AGE, "<none>" where a level has no queues', async () => {
    const rejecting = await levels.create(ctx, level('reject', { type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Reject' } } }), undefined, {});
    const table = (await levels.convertToTable(ctx, rejecting, {})) as Table;
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Type', 'NominalConcurrencyShares', 'Queues', 'HandSize', 'QueueLengthLimit', 'Age']);
    expect(table.rows[0].cells.slice(0, 6)).to.deep.equal(['reject', 'Limited', 5, '<none>', '<none>', '<none>']);
  });
});
