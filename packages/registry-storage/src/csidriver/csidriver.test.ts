import { expect } from 'chai';
import type { KObject, RequestContext, Store, Table } from '@kapi/apiserver-core';
import { invalidMessage, modify, newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { storageRESTStorageProvider } from '../rest/storage-storage';

const ctx: RequestContext = {};
const driver = (name: string, spec: Record<string, unknown> = {}): KObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name }, spec });
const update = (fn: (o: KObject) => void) => modify(fn);

describe('storage.k8s.io/v1 CSIDriver', () => {
  let group: TestGroup;
  let drivers: Store;
  beforeEach(async () => {
    group = await newTestGroup(storageRESTStorageProvider);
    drivers = group.storage.v1.csidrivers as Store;
  });
  afterEach(() => group.destroy());

  it('defaults every optional switch as kube-apiserver 1.32 does', async () => {
    const out = await drivers.create(ctx, driver('ebs.csi.aws.com'), undefined, {});
    expect(out.spec).to.deep.equal({
      attachRequired: true,
      podInfoOnMount: false,
      storageCapacity: false,
      fsGroupPolicy: 'ReadWriteOnceWithFSType',
      volumeLifecycleModes: ['Persistent'],
      requiresRepublish: false,
      seLinuxMount: false,
    });
    expect(out.metadata?.generation).to.equal(undefined);
  });

  it('validates fsGroupPolicy, lifecycle modes and token requests', async () => {
    const spec = { fsGroupPolicy: 'Sometimes', volumeLifecycleModes: ['Forever'], tokenRequests: [{ audience: 'vault', expirationSeconds: 60 }, { audience: 'vault' }] };
    expect(await invalidMessage(drivers.create(ctx, driver('d.example.com', spec), undefined, {}))).to.equal(
      'CSIDriver.storage.k8s.io "d.example.com" is invalid: [spec.fsGroupPolicy: Unsupported value: "Sometimes": supported values: "File", "None", "ReadWriteOnceWithFSType", spec.tokenRequests[0].expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes, spec.tokenRequests[1].audience: Duplicate value: "vault", spec.volumeLifecycleModes: Unsupported value: "Forever": supported values: "Persistent", "Ephemeral"]',
    );
  });

  it('keeps attachRequired and volumeLifecycleModes immutable; other spec changes bump the generation from 0', async () => {
    await drivers.create(ctx, driver('d.example.com'), undefined, {});
    expect(
      await invalidMessage(
        drivers.update(
          ctx,
          'd.example.com',
          update((o) => {
            Object.assign(o.spec as object, { attachRequired: false, volumeLifecycleModes: ['Ephemeral'] });
          }),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal(
      'CSIDriver.storage.k8s.io "d.example.com" is invalid: [spec.attachedRequired: Invalid value: false: field is immutable, spec.volumeLifecycleModes: Invalid value: ["Ephemeral"]: field is immutable]',
    );
    const { obj } = await drivers.update(
      ctx,
      'd.example.com',
      update((o) => ((o.spec as { podInfoOnMount: boolean }).podInfoOnMount = true)),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.metadata?.generation).to.equal(1);
  });

  it('prints ATTACHREQUIRED PODINFOONMOUNT STORAGECAPACITY TOKENREQUESTS REQUIRESREPUBLISH MODES AGE', async () => {
    const out = await drivers.create(
      ctx,
      driver('d.example.com', { tokenRequests: [{ audience: 'a' }, { audience: 'b' }], volumeLifecycleModes: ['Persistent', 'Ephemeral'] }),
      undefined,
      {},
    );
    const table = (await drivers.convertToTable(ctx, out, {})) as Table;
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal([
      'Name',
      'AttachRequired',
      'PodInfoOnMount',
      'StorageCapacity',
      'TokenRequests',
      'RequiresRepublish',
      'Modes',
      'Age',
    ]);
    expect(table.rows[0].cells.slice(0, 7)).to.deep.equal(['d.example.com', true, false, false, 'a,b', false, 'Persistent,Ephemeral']);
  });
});
