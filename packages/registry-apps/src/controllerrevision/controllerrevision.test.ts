import { expect } from 'chai';
import { ctx, invalidCauses, modify, newTestRESTOptionsGetter, storageOf } from '../testing/apps-test-storage';
import type { Store } from '@kapi/apiserver-core';
import type { KObject, StorageBackend } from '@kapi/apiserver-core';
import { controllerRevisionDefinition } from './definition';

const revision = (name: string, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ControllerRevision',
  metadata: {
    name,
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: '1', controller: true }],
  },
  data: { spec: { template: { metadata: { labels: { app: 'web' } } } } },
  revision: 1,
  ...extra,
});

describe('apps/v1 controllerrevisions', () => {
  let backend: StorageBackend;
  let s: Store;
  beforeEach(async () => {
    const t = await newTestRESTOptionsGetter();
    backend = t.backend;
    s = storageOf(controllerRevisionDefinition, t.getter).main;
  });
  afterEach(() => backend.destroy());

  it('requires data and a non-negative revision', async () => {
    const bad = revision('web-1', { revision: -1 });
    delete bad.data;
    expect(await invalidCauses(s.create(ctx(), bad, undefined, {}))).to.deep.equal([
      'data: Required value: data is mandatory',
      'revision: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('keeps data immutable and lets revision move', async () => {
    await s.create(ctx(), revision('web-1'), undefined, {});
    const { obj } = await s.update(
      ctx(),
      'web-1',
      modify((o) => (o.revision = 3)),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.revision).to.equal(3);
    expect(
      await invalidCauses(
        s.update(
          ctx(),
          'web-1',
          modify((o) => (o.data = { other: true })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.deep.equal(['data: Invalid value: field is immutable']);
  });

  it('prints NAME CONTROLLER REVISION AGE', async () => {
    const out = await s.create(ctx(), revision('web-1'), undefined, {});
    const table = await s.convertToTable(ctx(), out, {});
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Controller', 'Revision', 'Age']);
    expect(table.rows[0].cells.slice(0, 3)).to.deep.equal(['web-1', 'statefulset.apps/web', 1]);
  });
});
