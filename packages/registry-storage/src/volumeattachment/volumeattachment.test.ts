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
      'VolumeAttachment.storage.k8s.io "va" is invalid: [spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName, spec.attacher: Invalid value: "Bad_Driver": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')]',
    );
  });

  it('starts with the empty status kube serializes (attached: false), keeps the spec read-only, and writes the status only through /status', async () => {
    const created = await attachments.create(ctx, { ...attachment('va', spec), status: { attached: true } }, undefined, {});
    expect(created.status).to.deep.equal({ attached: false });
    expect(await invalidMessage(attachments.update(ctx, 'va', modify((o) => ((o.spec as { nodeName: string }).nodeName = 'node-2')), undefined, undefined, false, {}))).to.match(
      /^VolumeAttachment.storage.k8s.io "va" is invalid: spec: Invalid value: .*: field is immutable$/,
    );
    const { obj } = await status.update(ctx, 'va', modify((o) => {
      o.status = { attached: true, attachmentMetadata: { devicePath: '/dev/xvdb' } };
      (o.spec as { nodeName: string }).nodeName = 'node-9';
      o.metadata!.labels = { sneaked: 'in' };
    }), undefined, undefined, false, {});
    expect(obj.metadata?.labels).to.equal(undefined);
    expect(obj.status).to.deep.equal({ attached: true, attachmentMetadata: { devicePath: '/dev/xvdb' } });
    expect((obj.spec as { nodeName: string }).nodeName).to.equal('node-1');
    const table = (await attachments.convertToTable(ctx, obj, {})) as Table;
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Attacher', 'PV', 'Node', 'Attached', 'Age']);
    expect(table.rows[0].cells.slice(0, 5)).to.deep.equal(['va', 'ebs.csi.aws.com', 'pv-1', 'node-1', true]);
  });
});
