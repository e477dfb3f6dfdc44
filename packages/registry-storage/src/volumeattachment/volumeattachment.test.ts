import { expect } from 'chai';
import type { KObject, RequestContext, StatusREST, Store, Table } from '@kapi/apiserver-core';
import { invalidMessage, modify, newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { storageRESTStorageProvider } from '../rest/storage-storage';

const ctx: RequestContext = {};
const attachment = (name: string, spec: Record<string, unknown>): KObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: { name }, spec });
const spec = { attacher: 'ebs.csi.aws.com', source: { persistentVolumeName: 'pv-1' }, nodeName: 'node-1' };

describe('storage.k8s.io/v1 VolumeAttachment', () => {
  let group: TestGroup;
  let attachments: Store;
  let status: StatusREST;
  beforeEach(async () => {
    group = await newTestGroup(storageRESTStorageProvider);
    attachments = group.storage.v1.volumeattachments as Store;
    status = group.storage.v1['volumeattachments/status'] as StatusREST;
  });
  afterEach(() => group.destroy());

  it('requires exactly one source and an attacher that is a CSI driver name', async () => {
    expect(await invalidMessage(attachments.create(ctx, attachment('va', { attacher: 'Bad_Driver', source: {}, nodeName: 'node-1' }), undefined, {}))).to.equal(
      "VolumeAttachment.storage.k8s.io \"va\" is invalid: [spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName, spec.attacher: Invalid value: \"Bad_Driver\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')]",
    );
  });

  it('validates an inline volume as kube does for migrated in-tree volumes', async () => {
    const inline = {
      attacher: 'ebs.csi.aws.com',
      nodeName: 'node-1',
      source: { inlineVolumeSpec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete' } },
    };
    expect(await invalidMessage(attachments.create(ctx, attachment('va', inline), undefined, {}))).to.equal(
      'VolumeAttachment.storage.k8s.io "va" is invalid: [spec.source.inlineVolumeSpec.capacity: Forbidden: may not be specified in the context of inline volumes, ' +
        'spec.source.inlineVolumeSpec.csi: Required value: has to be specified in the context of inline volumes, ' +
        'spec.source.inlineVolumeSpec.persistentVolumeReclaimPolicy: Forbidden: may only be Retain in the context of inline volumes, ' +
        'spec.source.inlineVolumeSpec: Required value: must specify a volume type]',
    );
    const ok = { ...inline, source: { inlineVolumeSpec: { accessModes: ['ReadWriteOnce'], csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' } } } };
    expect((await attachments.create(ctx, attachment('va', ok), undefined, {})).metadata?.name).to.equal('va');
  });

  it('starts with the empty status kube serializes (attached: false), keeps the spec read-only, and writes the status only through /status', async () => {
    const created = await attachments.create(ctx, { ...attachment('va', spec), status: { attached: true } }, undefined, {});
    expect(created.status).to.deep.equal({ attached: false });
    expect(
      await invalidMessage(
        attachments.update(
          ctx,
          'va',
          modify((o) => ((o.spec as { nodeName: string }).nodeName = 'node-2')),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.match(/^VolumeAttachment.storage.k8s.io "va" is invalid: spec: Invalid value: .*: field is immutable$/);
    const { obj } = await status.update(
      ctx,
      'va',
      modify((o) => {
        o.status = { attached: true, attachmentMetadata: { devicePath: '/dev/xvdb' } };
        (o.spec as { nodeName: string }).nodeName = 'node-9';
        o.metadata!.labels = { sneaked: 'in' };
      }),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.metadata?.labels).to.equal(undefined);
    expect(obj.status).to.deep.equal({ attached: true, attachmentMetadata: { devicePath: '/dev/xvdb' } });
    expect((obj.spec as { nodeName: string }).nodeName).to.equal('node-1');
    const table = (await attachments.convertToTable(ctx, obj, {})) as Table;
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Attacher', 'PV', 'Node', 'Attached', 'Age']);
    expect(table.rows[0].cells.slice(0, 5)).to.deep.equal(['va', 'ebs.csi.aws.com', 'pv-1', 'node-1', true]);
  });
});
