import { expect } from 'chai';
import type { KObject, RequestContext, Store, Table } from '@kapi/apiserver-core';
import { invalidMessage, modify, newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { storageRESTStorageProvider } from '../rest/storage-storage';

const ctx: RequestContext = {};
const storageClass = (name: string, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner: 'ebs.csi.aws.com',
  ...extra,
});

describe('storage.k8s.io/v1 StorageClass', () => {
  let group: TestGroup;
  let classes: Store;
  beforeEach(async () => {
    group = await newTestGroup(storageRESTStorageProvider);
    classes = group.storage.v1.storageclasses as Store;
  });
  afterEach(() => group.destroy());

  it('defaults reclaimPolicy to Delete and volumeBindingMode to Immediate', async () => {
    const out = await classes.create(ctx, storageClass('fast'), undefined, {});
    expect(out).to.include({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  });

  it("refuses a missing provisioner and unknown policies with kube-apiserver's messages", async () => {
    expect(await invalidMessage(classes.create(ctx, storageClass('bad', { provisioner: '', reclaimPolicy: 'Recycle', volumeBindingMode: 'Later' }), undefined, {}))).to.equal(
      'StorageClass.storage.k8s.io "bad" is invalid: [provisioner: Required value, reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain", volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"]',
    );
  });

  it('forbids changing provisioner, parameters, reclaimPolicy and volumeBindingMode; labels may change', async () => {
    await classes.create(ctx, storageClass('fast', { parameters: { type: 'gp3' } }), undefined, {});
    const message = await invalidMessage(
      classes.update(
        ctx,
        'fast',
        modify((o) => {
          Object.assign(o, { provisioner: 'other.csi.io', parameters: { type: 'io2' }, reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' });
        }),
        undefined,
        undefined,
        false,
        {},
      ),
    );
    expect(message).to.equal(
      'StorageClass.storage.k8s.io "fast" is invalid: [parameters: Forbidden: updates to parameters are forbidden., provisioner: Forbidden: updates to provisioner are forbidden., reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden., volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable]',
    );
    const { obj } = await classes.update(
      ctx,
      'fast',
      modify((o) => (o.metadata!.labels = { tier: 'gold' })),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.metadata?.labels).to.deep.equal({ tier: 'gold' });
  });

  it('refuses duplicate allowed topology terms', async () => {
    const term = { matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['a', 'b'] }] };
    expect(await invalidMessage(classes.create(ctx, storageClass('zoned', { allowedTopologies: [term, term] }), undefined, {}))).to.equal(
      'StorageClass.storage.k8s.io "zoned" is invalid: allowedTopologies[1].matchLabelExpressions: Duplicate value: ""',
    );
  });

  it('warns about deprecated node labels in allowedTopologies', async () => {
    const warned: RequestContext = {};
    const term = { matchLabelExpressions: [{ key: 'failure-domain.beta.kubernetes.io/zone', values: ['a'] }] };
    await classes.create(warned, storageClass('zoned', { allowedTopologies: [term] }), undefined, {});
    expect(warned.warnings).to.deep.equal(['allowedTopologies[0].matchLabelExpressions[0].key: deprecated since v1.17; use "topology.kubernetes.io/zone" instead']);
  });

  it('prints NAME with "(default)" for the default class, then PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE', async () => {
    const out = await classes.create(
      ctx,
      storageClass('standard', {
        metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
        allowVolumeExpansion: true,
      }),
      undefined,
      {},
    );
    const table = (await classes.convertToTable(ctx, out, {})) as Table;
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']);
    expect(table.rows[0].cells.slice(0, 5)).to.deep.equal(['standard (default)', 'ebs.csi.aws.com', 'Delete', 'Immediate', true]);
  });
});
