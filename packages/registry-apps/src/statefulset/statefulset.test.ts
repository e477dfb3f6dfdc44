import { expect } from 'chai';
import { ctx, type DefinedStorage, invalidCauses, modify, newTestRESTOptionsGetter, podTemplate, storageOf } from '../testing/apps-test-storage';
import type { KObject, StorageBackend } from '@kapi/apiserver-core';
import { statefulSetDefinition } from './definition';

const statefulSet = (name: string, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name },
  spec: { serviceName: name, selector: { matchLabels: { app: name } }, template: podTemplate(name), ...spec },
});

const specOf = (o: KObject) => o.spec as Record<string, unknown>;

describe('apps/v1 statefulsets', () => {
  let backend: StorageBackend;
  let s: DefinedStorage;
  beforeEach(async () => {
    const t = await newTestRESTOptionsGetter();
    backend = t.backend;
    s = storageOf(statefulSetDefinition, t.getter);
  });
  afterEach(() => backend.destroy());

  it('defaults podManagementPolicy, updateStrategy with partition 0, the PVC retention policy and claim volume modes', async () => {
    const out = await s.main.create(ctx(), statefulSet('db', { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] }), undefined, {});
    const spec = specOf(out);
    expect(spec).to.deep.include({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      revisionHistoryLimit: 10,
    });
    const claim = (spec.volumeClaimTemplates as Record<string, Record<string, unknown>>[])[0];
    expect(claim.spec.volumeMode).to.equal('Filesystem');
    expect(claim.status).to.deep.equal({ phase: 'Pending' });
    expect(claim.metadata).to.deep.equal({ name: 'data', creationTimestamp: null });
    const onDelete = await s.main.create(ctx(), statefulSet('od', { updateStrategy: { type: 'OnDelete' } }), undefined, {});
    expect(specOf(onDelete).updateStrategy).to.deep.equal({ type: 'OnDelete' });
  });

  it('validates policy, update strategy, retention policy and selector', async () => {
    const bad = statefulSet('db', {
      podManagementPolicy: 'Whatever',
      updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' },
      selector: {},
    });
    expect(await invalidCauses(s.main.create(ctx(), bad, undefined, {}))).to.deep.equal([
      "spec.podManagementPolicy: Invalid value: \"Whatever\": must be 'OrderedReady' or 'Parallel'",
      'spec.updateStrategy.rollingUpdate: Invalid value: {"partition":1}: only allowed for updateStrategy \'RollingUpdate\'',
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
      'spec.selector: Invalid value: {}: empty selector is invalid for statefulset',
    ]);
    const negative = statefulSet('db', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } });
    expect(await invalidCauses(s.main.create(ctx(), negative, undefined, {}))).to.deep.equal([
      'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('accepts volume mounts that name a claim template, and refuses a name that is no DNS label', async () => {
    const withClaim = statefulSet('db', { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] });
    const containers = (specOf(withClaim).template as { spec: { containers: Record<string, unknown>[] } }).spec.containers;
    containers[0].volumeMounts = [{ name: 'data', mountPath: '/var/lib/db' }];
    await s.main.create(ctx(), withClaim, undefined, {});
    const dotted = statefulSet('db.v1');
    expect((await invalidCauses(s.main.create(ctx(), dotted, undefined, {})))[0]).to.equal('metadata.name: Invalid value: "db.v1": must not contain dots');
    const deadline = statefulSet('dl');
    (specOf(deadline).template as { spec: Record<string, unknown> }).spec.activeDeadlineSeconds = 5;
    expect(await invalidCauses(s.main.create(ctx(), deadline, undefined, {}))).to.deep.equal([
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
    ]);
  });

  it('allows updates to replicas, template, updateStrategy and minReadySeconds only', async () => {
    await s.main.create(ctx(), statefulSet('db'), undefined, {});
    const { obj } = await s.main.update(
      ctx(),
      'db',
      modify((o) => {
        Object.assign(specOf(o), { replicas: 3, minReadySeconds: 5, updateStrategy: { type: 'OnDelete' } });
      }),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.metadata?.generation).to.equal(2);
    const causes = await invalidCauses(
      s.main.update(
        ctx(),
        'db',
        modify((o) => (specOf(o).serviceName = 'other')),
        undefined,
        undefined,
        false,
        {},
      ),
    );
    expect(causes).to.deep.equal([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
    const selector = await invalidCauses(
      s.main.update(
        ctx(),
        'db',
        modify((o) => (specOf(o).selector = { matchLabels: { app: 'db', x: 'y' } })),
        undefined,
        undefined,
        false,
        {},
      ),
    );
    expect(selector.some((c) => c.startsWith('spec: Forbidden: updates to statefulset spec'))).to.equal(true);
  });

  it('/status and /scale', async () => {
    await s.main.create(ctx(), statefulSet('db'), undefined, {});
    const { obj } = await s.status.update(
      ctx(),
      'db',
      modify((o) => {
        o.status = { replicas: 1, readyReplicas: 1, currentReplicas: 1 };
        specOf(o).replicas = 7;
      }),
      undefined,
      undefined,
      false,
      {},
    );
    expect(specOf(obj).replicas).to.equal(1);
    expect(obj.status).to.deep.equal({ replicas: 1, readyReplicas: 1, currentReplicas: 1 });
    const scale = await s.scale.update(
      ctx(),
      'db',
      modify((o) => ((o.spec as { replicas: number }).replicas = 2)),
      undefined,
      undefined,
      false,
      {},
    );
    expect(scale.obj).to.deep.include({ spec: { replicas: 2 }, status: { replicas: 1, selector: 'app=db' } });
    const table = await s.main.convertToTable(ctx(), await s.main.get(ctx(), 'db', {}), {});
    expect(table.rows[0].cells.slice(0, 2)).to.deep.equal(['db', '1/2']);
  });
});
