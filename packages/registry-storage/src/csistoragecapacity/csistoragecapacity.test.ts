import { expect } from 'chai';
import type { KObject, RequestContext, Store, Table } from '@kapi/apiserver-core';
import { invalidMessage, modify, newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { storageRESTStorageProvider } from '../rest/storage-storage';

const ctx: RequestContext = { namespace: 'kube-system' };
const capacity = (extra: Record<string, unknown>): KObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'CSIStorageCapacity',
  metadata: { name: 'csisc-1' },
  nodeTopology: { matchLabels: { 'topology.kubernetes.io/zone': 'a' } },
  storageClassName: 'fast',
  capacity: '100Gi',
  ...extra,
});

describe('storage.k8s.io/v1 CSIStorageCapacity', () => {
  let group: TestGroup;
  let capacities: Store;
  beforeEach(async () => {
    group = await newTestGroup(storageRESTStorageProvider);
    capacities = group.storage.v1.csistoragecapacities as Store;
  });
  afterEach(() => group.destroy());

  it('refuses a negative capacity and a bad selector operator', async () => {
    expect(
      await invalidMessage(capacities.create(ctx, capacity({ capacity: '-1Gi', nodeTopology: { matchExpressions: [{ key: 'zone', operator: 'Near' }] } }), undefined, {})),
    ).to.equal(
      'CSIStorageCapacity.storage.k8s.io "csisc-1" is invalid: [nodeTopology.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator, capacity: Invalid value: "-1Gi": must be greater than or equal to 0]',
    );
  });

  it('warns about deprecated node labels in nodeTopology', async () => {
    const warned: RequestContext = { namespace: 'kube-system' };
    await capacities.create(
      warned,
      capacity({ nodeTopology: { matchExpressions: [{ key: 'failure-domain.beta.kubernetes.io/zone', operator: 'In', values: ['a'] }] } }),
      undefined,
      {},
    );
    expect(warned.warnings).to.deep.equal([
      'nodeTopology.matchExpressions[0].key: failure-domain.beta.kubernetes.io/zone is deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
    ]);
  });

  it('refuses malformed quantities', async () => {
    expect(await invalidMessage(capacities.create(ctx, capacity({ capacity: 'lots', maximumVolumeSize: '1 Ti' }), undefined, {}))).to.equal(
      'CSIStorageCapacity.storage.k8s.io "csisc-1" is invalid: [capacity: Invalid value: "lots": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\', ' +
        'maximumVolumeSize: Invalid value: "1 Ti": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\']',
    );
  });

  it('keeps nodeTopology and storageClassName immutable, and prints NAME STORAGECLASSNAME CAPACITY without AGE', async () => {
    const out = await capacities.create(ctx, capacity({}), undefined, {});
    expect(out.metadata?.namespace).to.equal('kube-system');
    expect(
      await invalidMessage(
        capacities.update(
          ctx,
          'csisc-1',
          modify((o) => (o.storageClassName = 'slow')),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('CSIStorageCapacity.storage.k8s.io "csisc-1" is invalid: storageClassName: Invalid value: "slow": field is immutable');
    const table = (await capacities.convertToTable(ctx, out, {})) as Table;
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'StorageClassName', 'Capacity']);
    expect(table.rows[0].cells).to.deep.equal(['csisc-1', 'fast', '100Gi']);
  });
});
