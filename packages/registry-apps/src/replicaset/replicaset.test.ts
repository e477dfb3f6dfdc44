import { expect } from 'chai';
import { ctx, type DefinedStorage, invalidCauses, modify, newTestRESTOptionsGetter, podTemplate, storageOf } from '../testing/apps-test-storage';
import { shortNamesOf, type KObject, type StorageBackend } from '@kapi/apiserver-core';
import { replicaSetDefinition } from './definition';

const replicaSet = (name: string, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: podTemplate(name), ...spec },
});

describe('apps/v1 replicasets', () => {
  let backend: StorageBackend;
  let s: DefinedStorage;
  beforeEach(async () => {
    const t = await newTestRESTOptionsGetter();
    backend = t.backend;
    s = storageOf(replicaSetDefinition, t.getter);
  });
  afterEach(() => backend.destroy());

  it('defaults replicas to 1 and generation to 1, resets a status sent on create to the empty one', async () => {
    const out = await s.main.create(ctx(), { ...replicaSet('rs'), status: { replicas: 5 } }, undefined, {});
    expect((out.spec as { replicas: number }).replicas).to.equal(1);
    expect(out.metadata?.generation).to.equal(1);
    expect(out.status).to.deep.equal({});
  });

  it('validates selector/template agreement with matchExpressions and an immutable selector', async () => {
    const bad = replicaSet('rs', { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['other'] }] } });
    expect(await invalidCauses(s.main.create(ctx(), bad, undefined, {}))).to.deep.equal([
      'spec.template.metadata.labels: Invalid value: {"app":"rs"}: `selector` does not match template `labels`',
    ]);
    const badOp = replicaSet('rs', { selector: { matchLabels: { app: 'rs' }, matchExpressions: [{ key: 'x', operator: 'Exists', values: ['y'] }] } });
    expect(await invalidCauses(s.main.create(ctx(), badOp, undefined, {}))).to.deep.equal([
      "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector: Invalid value: {"matchLabels":{"app":"rs"},"matchExpressions":[{"key":"x","operator":"Exists","values":["y"]}]}: invalid label selector',
    ]);
    await s.main.create(ctx(), replicaSet('rs'), undefined, {});
    const causes = await invalidCauses(
      s.main.update(
        ctx(),
        'rs',
        modify((o) => ((o.spec as { selector: unknown }).selector = { matchExpressions: [{ key: 'app', operator: 'Exists' }] })),
        undefined,
        undefined,
        false,
        {},
      ),
    );
    expect(causes).to.have.length(1);
    expect(causes[0]).to.match(/^spec\.selector: Invalid value: .*: field is immutable$/);
  });

  it('/status validates ready and available against replicas; /scale writes spec.replicas', async () => {
    await s.main.create(ctx(), replicaSet('rs'), undefined, {});
    const causes = await invalidCauses(
      s.status.update(
        ctx(),
        'rs',
        modify((o) => (o.status = { replicas: 1, readyReplicas: 1, availableReplicas: 2 })),
        undefined,
        undefined,
        false,
        {},
      ),
    );
    expect(causes).to.deep.equal([
      'status.availableReplicas: Invalid value: 2: cannot be greater than status.replicas',
      'status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas',
    ]);
    await s.status.update(
      ctx(),
      'rs',
      modify((o) => (o.status = { replicas: 1, readyReplicas: 1 })),
      undefined,
      undefined,
      false,
      {},
    );
    const { obj } = await s.scale.update(
      ctx(),
      'rs',
      modify((o) => ((o.spec as { replicas: number }).replicas = 0)),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj).to.deep.include({ spec: { replicas: 0 }, status: { replicas: 1, selector: 'app=rs' } });
  });

  it('prints DESIRED CURRENT READY', async () => {
    const out = await s.main.create(ctx(), replicaSet('rs', { replicas: 3 }), undefined, {});
    const table = await s.main.convertToTable(ctx(), out, {});
    expect(table.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).to.deep.equal(['Name', 'Desired', 'Current', 'Ready', 'Age']);
    expect(table.rows[0].cells.slice(0, 4)).to.deep.equal(['rs', 3, 0, 0]);
    expect(shortNamesOf(s.main)).to.deep.equal(['rs']);
  });
});
