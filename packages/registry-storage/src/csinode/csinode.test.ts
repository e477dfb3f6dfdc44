import { expect } from 'chai';
import type { KObject, RequestContext, Store, Table } from '@kapi/apiserver-core';
import { invalidMessage, modify, newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { storageRESTStorageProvider } from '../rest/storage-storage';

const ctx: RequestContext = {};
const csiNode = (drivers: unknown[]): KObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: { name: 'node-1' }, spec: { drivers } });
const ebs = { name: 'ebs.csi.aws.com', nodeID: 'i-0abc', topologyKeys: ['topology.ebs.csi.aws.com/zone'] };

describe('storage.k8s.io/v1 CSINode', () => {
  let group: TestGroup;
  let nodes: Store;
  beforeEach(async () => {
    group = await newTestGroup(storageRESTStorageProvider);
    nodes = group.storage.v1.csinodes as Store;
  });
  afterEach(() => group.destroy());

  it('refuses a driver without node ID and a driver registered twice', async () => {
    expect(await invalidMessage(nodes.create(ctx, csiNode([ebs, { ...ebs, nodeID: '' }]), undefined, {}))).to.equal(
      'CSINode.storage.k8s.io "node-1" is invalid: [spec.drivers[1].nodeID: Required value, spec.drivers[1].name: Duplicate value: "ebs.csi.aws.com"]',
    );
  });

  it('lets drivers come and go but not change, and prints DRIVERS', async () => {
    await nodes.create(ctx, csiNode([ebs]), undefined, {});
    expect(
      await invalidMessage(
        nodes.update(
          ctx,
          'node-1',
          modify((o) => ((o.spec as { drivers: { nodeID: string }[] }).drivers[0].nodeID = 'i-0def')),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.match(/^CSINode.storage.k8s.io "node-1" is invalid: CSINodeDriver: Invalid value: .*: field is immutable$/);
    const { obj } = await nodes.update(
      ctx,
      'node-1',
      modify((o) => (o.spec as { drivers: unknown[] }).drivers.push({ name: 'efs.csi.aws.com', nodeID: 'i-0abc' })),
      undefined,
      undefined,
      false,
      {},
    );
    const table = (await nodes.convertToTable(ctx, obj, {})) as Table;
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Drivers', 'Age']);
    expect(table.rows[0].cells.slice(0, 2)).to.deep.equal(['node-1', 2]);
  });
});
