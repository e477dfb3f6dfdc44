import { expect } from 'chai';
import {
  allResourcesEnabled,
  storage,
  StorageFactoryRestOptionsFactory,
  type KObject,
  type RequestContext,
  type StorageBackend,
  type Store,
  type UpdatedObjectInfo,
} from '@kapi/apiserver-core';
import { rejectedStatus as statusOf } from '@kapi/apiserver-core/registry/definition/testing';
import { coordinationRESTStorageProvider } from '../rest/storage-coordination';
import { canonicalMicroTime } from './microtime';

const ctx: RequestContext = { namespace: 'kube-system' };
const lease = (name: string, spec: Record<string, unknown>): KObject => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name },
  spec,
});
const replaceWith = (obj: KObject): UpdatedObjectInfo => ({ preconditions: () => undefined, updatedObject: async () => structuredClone(obj) });

describe('coordination.k8s.io/v1 Lease', () => {
  let backend: StorageBackend;
  let leases: Store;
  beforeEach(async () => {
    const config: storage.Config = { type: 'memory', prefix: '/registry' };
    backend = await storage.newMemoryBackend(config);
    const info = await coordinationRESTStorageProvider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
    expect(Object.keys(info.versionedResourcesStorageMap.v1)).to.deep.equal(['leases']);
    leases = info.versionedResourcesStorageMap.v1.leases as Store;
  });
  afterEach(() => backend.destroy());

  it("refuses a non-positive duration and negative transitions with kube-apiserver's messages", async () => {
    const err = await statusOf(leases.create(ctx, lease('l', { leaseDurationSeconds: 0, leaseTransitions: -1 }), undefined, {}));
    expect(err).to.deep.equal({
      code: 422,
      message:
        'Lease.coordination.k8s.io "l" is invalid: [spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0, spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0]',
    });
    expect(await statusOf(leases.get(ctx, 'l', {}))).to.include({ code: 404 });
  });

  it('drops strategy and preferredHolder (CoordinatedLeaderElection is off) and stores MicroTimes with six digits', async () => {
    const out = await leases.create(
      ctx,
      lease('l', {
        holderIdentity: 'a',
        leaseDurationSeconds: 15,
        strategy: 'OldestEmulationVersion',
        preferredHolder: 'b',
        acquireTime: '2026-12-03T10:00:00.000000Z',
        renewTime: '2026-12-03T11:00:00.500000+01:00',
      }),
      undefined,
      {},
    );
    expect(out.spec).to.deep.equal({
      holderIdentity: 'a',
      leaseDurationSeconds: 15,
      acquireTime: '2026-12-03T10:00:00.000000Z',
      renewTime: '2026-12-03T10:00:00.500000Z',
    });
  });

  it("refuses a MicroTime without six fractional digits with 400, as kube's decoder does", async () => {
    const layout = '"2006-01-02T15:04:05.000000Z07:00"';
    const cases: [string, string][] = [
      ['2026-12-03T10:00:00Z', `parsing time "2026-12-03T10:00:00Z" as ${layout}: cannot parse "Z" as ".000000"`],
      ['2026-12-03T10:00:00.5Z', `parsing time "2026-12-03T10:00:00.5Z" as ${layout}: cannot parse ".5Z" as ".000000"`],
      ['2026-12-03T10:00:00.123456789Z', `parsing time "2026-12-03T10:00:00.123456789Z" as ${layout}: cannot parse "789Z" as "Z07:00"`],
    ];
    for (const [renewTime, message] of cases) {
      expect(await statusOf(leases.create(ctx, lease('t', { renewTime }), undefined, {}))).to.deep.equal({
        code: 400,
        message: `Lease in version "v1" cannot be handled as a Lease: ${message}`,
      });
    }
  });

  it('an update without resourceVersion is refused (leases need the optimistic lock); PUT may create', async () => {
    await leases.create(ctx, lease('l', { holderIdentity: 'a' }), undefined, {});
    const err = await statusOf(leases.update(ctx, 'l', replaceWith(lease('l', { holderIdentity: 'b' })), undefined, undefined, false, {}));
    expect(err.code).to.equal(422);
    expect(err.message).to.contain('metadata.resourceVersion: Invalid value: 0: must be specified for an update');
    const { obj, created } = await leases.update(ctx, 'new', replaceWith(lease('new', { holderIdentity: 'c' })), undefined, undefined, false, {});
    expect(created).to.equal(true);
    expect((obj.spec as { holderIdentity: string }).holderIdentity).to.equal('c');
  });

  it('prints NAME HOLDER AGE', async () => {
    const out = await leases.create(ctx, lease('l', { holderIdentity: 'node-1' }), undefined, {});
    const table = await leases.convertToTable(ctx, out, {});
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Holder', 'Age']);
    expect(table.rows[0].cells.slice(0, 2)).to.deep.equal(['l', 'node-1']);
  });

  it('canonicalMicroTime moves offsets to UTC and keeps what it cannot parse', () => {
    expect(canonicalMicroTime('yesterday')).to.equal('yesterday');
    expect(canonicalMicroTime('2026-12-03T00:30:00.123456-01:00')).to.equal('2026-12-03T01:30:00.123456Z');
  });
});
