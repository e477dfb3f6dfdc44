import { expect } from 'chai';
import {
  allResourcesEnabled,
  storage,
  StorageFactoryRestOptionsFactory,
  type KObject,
  type RequestContext,
  type StatusREST,
  type StorageBackend,
  type Store,
} from '@kapi/apiserver-core';
import { widgetsRESTStorageProvider } from '../rest/storage-widgets';
import { invalidMessage as invalid, modify } from '@kapi/apiserver-core/registry/definition/testing';

interface WidgetStorage {
  widget: Store;
  status: StatusREST;
}

const ctx: RequestContext = { namespace: 'default' };
const widget = (name: string, spec: Record<string, unknown> = { color: 'blue' }): KObject => ({
  apiVersion: 'widgets.example.dev/v1',
  kind: 'Widget',
  metadata: { name },
  spec,
});

describe('widgets.example.dev/v1 Widget', () => {
  let backend: StorageBackend;
  let s: WidgetStorage;
  beforeEach(async () => {
    const config: storage.Config = { type: 'memory', prefix: '/registry' };
    backend = await storage.newMemoryBackend(config);
    const info = await widgetsRESTStorageProvider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
    const v1 = info.versionedResourcesStorageMap.v1;
    s = { widget: v1.widgets as Store, status: v1['widgets/status'] as StatusREST };
  });
  afterEach(() => backend.destroy());

  it('defaults size and count, drops status on create, starts at generation 1', async () => {
    const out = await s.widget.create(ctx, { ...widget('w'), status: { phase: 'Ready' } }, undefined, {});
    expect(out.spec).to.deep.equal({ color: 'blue', size: 'medium', count: 1 });
    expect(out.status).to.equal(undefined);
    expect(out.metadata?.generation).to.equal(1);
  });

  it('validates colour, size and count from its schema, with the messages kube gives a CRD with the same schema', async () => {
    expect(await invalid(s.widget.create(ctx, widget('w', { size: 'huge', count: -2 }), undefined, {}))).to.equal(
      'Widget.widgets.example.dev "w" is invalid: [spec.size: Unsupported value: "huge": supported values: "small", "medium", "large", ' +
        'spec.count: Invalid value: -2: spec.count in body should be greater than or equal to 0, spec.color: Required value, ' +
        '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]',
    );
    expect(await invalid(s.widget.create(ctx, widget('w', { color: 'Red' }), undefined, {}))).to.equal(
      'Widget.widgets.example.dev "w" is invalid: spec.color: Invalid value: "Red": spec.color in body should match \'^(#[0-9a-f]{6}|[a-z]+)$\'',
    );
  });

  it('a widget without spec is told its spec is required', async () => {
    const w = widget('w');
    delete w.spec;
    expect(await invalid(s.widget.create(ctx, w, undefined, {}))).to.match(/^Widget\.widgets\.example\.dev "w" is invalid: \[spec: Required value, /);
  });

  it('prunes fields the schema does not know', async () => {
    const out = await s.widget.create(ctx, widget('w', { color: 'blue', shade: 'dark' }), undefined, {});
    expect(out.spec).to.deep.equal({ color: 'blue', size: 'medium', count: 1 });
  });

  it('keeps the colour immutable and bumps generation on spec changes', async () => {
    await s.widget.create(ctx, widget('w'), undefined, {});
    const { obj } = await s.widget.update(
      ctx,
      'w',
      modify((o) => ((o.spec as { count: number }).count = 5)),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.metadata?.generation).to.equal(2);
    expect(
      await invalid(
        s.widget.update(
          ctx,
          'w',
          modify((o) => ((o.spec as { color: string }).color = 'red')),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('Widget.widgets.example.dev "w" is invalid: spec.color: Invalid value: "string": field is immutable');
  });

  it('/status writes only status and validates the phase', async () => {
    await s.widget.create(ctx, widget('w'), undefined, {});
    const { obj } = await s.status.update(
      ctx,
      'w',
      modify((o) => {
        o.status = { phase: 'Ready', observedGeneration: 1 };
        (o.spec as { count: number }).count = 9;
      }),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.status).to.deep.equal({ phase: 'Ready', observedGeneration: 1 });
    expect((obj.spec as { count: number }).count).to.equal(1);
    expect(
      await invalid(
        s.status.update(
          ctx,
          'w',
          modify((o) => (o.status = { phase: 'Exploded' })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.match(/status\.phase: Unsupported value: "Exploded"/);
  });

  it('prints NAME COLOR SIZE COUNT PHASE AGE', async () => {
    const out = await s.widget.create(ctx, widget('w'), undefined, {});
    const table = await s.widget.convertToTable(ctx, out, {});
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Color', 'Size', 'Count', 'Phase', 'Age']);
    expect(table.rows[0].cells.slice(0, 5)).to.deep.equal(['w', 'blue', 'medium', 1, null]);
  });

  it('the provider serves widgets, widgets/status and widgets/attach with the Widget schema', async () => {
    const config: storage.Config = { type: 'memory', prefix: '/registry' };
    const info = await widgetsRESTStorageProvider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
    expect(Object.keys(info.versionedResourcesStorageMap.v1)).to.deep.equal(['widgets', 'widgets/status', 'widgets/attach']);
    expect(info.schemas?.map((x) => x.gvk.kind)).to.deep.equal(['Widget']);
  });
});
