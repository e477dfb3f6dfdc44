import { expect } from 'chai';
import { ctx, type DefinedStorage, invalidCauses, modify, newTestRESTOptionsGetter, podTemplate, storageOf } from '../testing/apps-test-storage';
import type { KObject, StorageBackend } from '@kapi/apiserver-core';
import { daemonSetDefinition } from './definition';

const daemonSet = (name: string, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: podTemplate(name), ...spec },
});

describe('apps/v1 daemonsets', () => {
  let backend: StorageBackend;
  let s: DefinedStorage;
  beforeEach(async () => {
    const t = await newTestRESTOptionsGetter();
    backend = t.backend;
    s = storageOf(daemonSetDefinition, t.getter);
  });
  afterEach(() => backend.destroy());

  it('defaults a rolling update of one node at a time without surge', async () => {
    const out = await s.main.create(ctx(), daemonSet('agent'), undefined, {});
    expect(out.spec).to.deep.include({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
    expect(out.spec).not.to.have.property('replicas');
  });

  it('validates the update strategy and the selector', async () => {
    const bad = daemonSet('agent', { updateStrategy: { type: 'Sometimes' }, selector: { matchLabels: { app: 'x' } } });
    expect(await invalidCauses(s.main.create(ctx(), bad, undefined, {}))).to.deep.equal([
      'spec.template.metadata.labels: Invalid value: {"app":"agent"}: `selector` does not match template `labels`',
      'spec.updateStrategy: Unsupported value: {"type":"Sometimes"}: supported values: "RollingUpdate", "OnDelete"',
    ]);
    const zero = daemonSet('agent', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } });
    expect(await invalidCauses(s.main.create(ctx(), zero, undefined, {}))).to.deep.equal([
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ]);
    const both = daemonSet('agent', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '10%' } } });
    expect(await invalidCauses(s.main.create(ctx(), both, undefined, {}))).to.deep.equal([
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "10%": may not be set when maxUnavailable is non-zero',
    ]);
    const noSelector = daemonSet('agent');
    delete (noSelector.spec as { selector?: unknown }).selector;
    expect(await invalidCauses(s.main.create(ctx(), noSelector, undefined, {}))).to.deep.equal([
      'spec.template.metadata.labels: Invalid value: {"app":"agent"}: `selector` does not match template `labels`',
    ]);
  });

  it('bumps generation on a template change, keeps status out of the main resource, /status keeps spec', async () => {
    await s.main.create(ctx(), daemonSet('agent'), undefined, {});
    const { obj } = await s.main.update(
      ctx(),
      'agent',
      modify((o) => {
        (o.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image = 'nginx:1.28';
        o.status = { numberReady: 4 };
      }),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.metadata?.generation).to.equal(2);
    expect(obj.status).to.deep.equal({});
    const st = await s.status.update(
      ctx(),
      'agent',
      modify((o) => (o.status = { desiredNumberScheduled: 2, numberReady: 1 })),
      undefined,
      undefined,
      false,
      {},
    );
    expect(st.obj.status).to.deep.equal({ desiredNumberScheduled: 2, numberReady: 1 });
    expect(st.obj.metadata?.generation).to.equal(2);
    const neg = await invalidCauses(
      s.status.update(
        ctx(),
        'agent',
        modify((o) => (o.status = { numberReady: -1 })),
        undefined,
        undefined,
        false,
        {},
      ),
    );
    expect(neg).to.deep.equal(['status.numberReady: Invalid value: -1: must be greater than or equal to 0']);
    await s.status.update(
      ctx(),
      'agent',
      modify((o) => (o.status = { ...(o.status as object), collisionCount: 2 })),
      undefined,
      undefined,
      false,
      {},
    );
    const down = await invalidCauses(
      s.status.update(
        ctx(),
        'agent',
        modify((o) => (o.status = { ...(o.status as object), collisionCount: 1 })),
        undefined,
        undefined,
        false,
        {},
      ),
    );
    expect(down).to.deep.equal(['status.collisionCount: Invalid value: 1: cannot be decremented']);
    const table = await s.main.convertToTable(ctx(), st.obj, {});
    expect(table.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).to.deep.equal([
      'Name',
      'Desired',
      'Current',
      'Ready',
      'Up-to-date',
      'Available',
      'Node Selector',
      'Age',
    ]);
    expect(table.rows[0].cells.slice(0, 7)).to.deep.equal(['agent', 2, 0, 1, 0, 0, '<none>']);
  });
});
