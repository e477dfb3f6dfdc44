import { expect } from 'chai';
import {
  allResourcesEnabled,
  storage,
  StorageFactoryRestOptionsFactory,
  type APIGroupInfo,
  type KObject,
  type RequestContext,
  type StorageBackend,
  type Store,
} from '@kapi/apiserver-core';
import { modify, rejectedStatus as statusOf } from '@kapi/apiserver-core/registry/definition/testing';
import { SchedulingRESTStorageProvider } from '../rest/storage-scheduling';
import { priorityClassTable } from './table';

const ctx: RequestContext = {};
const pc = (name: string, fields: Record<string, unknown> = {}): KObject => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, ...fields });

describe('scheduling.k8s.io/v1 PriorityClass', () => {
  let backend: StorageBackend;
  let provider: SchedulingRESTStorageProvider;
  let classes: Store;
  let info: APIGroupInfo;
  beforeEach(async () => {
    const config: storage.Config = { type: 'memory', prefix: '/registry' };
    backend = await storage.newMemoryBackend(config);
    provider = new SchedulingRESTStorageProvider();
    info = await provider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
    classes = info.versionedResourcesStorageMap.v1.priorityclasses as Store;
  });
  afterEach(() => backend.destroy());

  it('the post-start hook creates the two system classes, once', async () => {
    const [hook] = info.postStartHooks!;
    expect(hook.name).to.equal('scheduling/bootstrap-system-priority-classes');
    await hook.hook();
    await hook.hook();
    const node = await classes.get(ctx, 'system-node-critical');
    expect(node).to.deep.include({ value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' });
    expect(((await classes.get(ctx, 'system-cluster-critical')) as KObject & { value: number }).value).to.equal(2000000000);
    expect(await statusOf(classes.delete(ctx, 'system-node-critical', undefined, {}))).to.deep.equal({
      code: 403,
      message: 'priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted',
    });
  });

  it('defaults the preemption policy and value; reserves system- names and values above one billion', async () => {
    expect(await classes.create(ctx, pc('low'), undefined, {})).to.deep.include({ value: 0, preemptionPolicy: 'PreemptLowerPriority' });
    expect(await statusOf(classes.create(ctx, pc('system-mine', { value: 5 }), undefined, {}))).to.deep.equal({
      code: 422,
      message:
        'PriorityClass.scheduling.k8s.io "system-mine" is invalid: metadata.name: Forbidden: priority class names with \'system-\' prefix are reserved for system use only. error: system-mine is not a known system priority class',
    });
    expect(await statusOf(classes.create(ctx, pc('huge', { value: 1_000_000_001, preemptionPolicy: 'Sometimes' }), undefined, {}))).to.deep.equal({
      code: 422,
      message:
        'PriorityClass.scheduling.k8s.io "huge" is invalid: [value: Forbidden: maximum allowed value of a user defined priority is 1000000000, preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"]',
    });
  });

  it('value and preemption policy are immutable', async () => {
    await classes.create(ctx, pc('high', { value: 1000 }), undefined, {});
    expect(
      await statusOf(
        classes.update(
          ctx,
          'high',
          modify((o) => Object.assign(o, { value: 2000, preemptionPolicy: 'Never' })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.deep.equal({
      code: 422,
      message:
        'PriorityClass.scheduling.k8s.io "high" is invalid: [value: Forbidden: may not be changed in an update., preemptionPolicy: Invalid value: "Never": field is immutable]',
    });
    const { obj } = await classes.update(
      ctx,
      'high',
      modify((o) => Object.assign(o, { description: 'changed' })),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj).to.deep.include({ value: 1000, description: 'changed' });
  });

  it('prints VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY', async () => {
    const out = await classes.create(ctx, pc('high', { value: 1000 }), undefined, {});
    const table = await classes.convertToTable(ctx, out, {});
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy']);
    expect(table.rows[0].cells).to.have.length(5);
    expect([table.rows[0].cells[1], table.rows[0].cells[2], table.rows[0].cells[4]]).to.deep.equal([1000, false, 'PreemptLowerPriority']);
    expect(priorityClassTable.every((c) => (c.priority ?? 0) === 0)).to.equal(true);
  });
});
