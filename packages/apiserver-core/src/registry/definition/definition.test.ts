import { expect } from 'chai';
import type { KObject } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import type { Creater, Getter, Lister, Updater, Watcher } from '../../rest/interfaces';
import type { APIResourceConfigSource } from '../../server/rest-storage-provider';
import { allResourcesEnabled } from '../../server/rest-storage-provider';
import type { StorageBackend } from '../../storage/factory';
import { newMemoryBackend } from '../../storage/memory/memory-backend';
import { field, Path } from '../../validation/field';
import { parseFieldSelector } from '../../fields/selector';
import { parseLabelSelector } from '../../labels/selector';
import type { ListOptions } from '../../rest/options';
import { StorageFactoryRestOptionsFactory } from '../generic/storage-factory-rest-options';
import { newRESTStorageProviderFor } from './group-provider';
import { modify } from './testing';
import type { ResourceDefinition } from './types';

type REST = Getter & Creater & Updater & Lister & Watcher;
const ctx: RequestContext = { namespace: 'default' };
const everything = (more: Partial<ListOptions> = {}): ListOptions => ({ labelSelector: parseLabelSelector(''), fieldSelector: parseFieldSelector(''), ...more });

/** A toy kind served in v2 (stored) and v1, where v1 calls spec.size "spec.replicas". */
const gadgets: ResourceDefinition = {
  group: 'gadgets.example.dev',
  version: 'v2',
  kind: 'Gadget',
  plural: 'gadgets',
  scope: 'Namespaced',
  shortNames: ['gd'],
  categories: ['all'],
  generation: true,
  status: {
    validateUpdate: (_c, obj) => ((obj.status as { ready?: unknown })?.ready === 'no' ? [field.invalid(Path.root('status').child('ready'), 'no', 'must be a boolean')] : []),
  },
  strategy: {
    prepareForCreate: (_c, obj) => ((obj.spec as { size?: number }).size ??= 1),
    validate: (_c, obj) =>
      (obj.spec as { size: number }).size < 0 ? [field.invalid(Path.root('spec').child('size'), (obj.spec as { size: number }).size, 'must be greater than or equal to 0')] : [],
  },
  table: [
    { name: 'Size', type: 'integer', cell: (o) => (o.spec as { size?: number }).size ?? 0 },
    { name: 'Owner', priority: 1, cell: () => 'x' },
  ],
  versions: {
    v1: {
      toStorage: (o) => {
        const { replicas, ...spec } = (o.spec ?? {}) as { replicas?: number };
        return { ...o, spec: { ...spec, ...(replicas !== undefined ? { size: replicas } : {}) } };
      },
      fromStorage: (o) => {
        const { size, ...spec } = (o.spec ?? {}) as { size?: number };
        return { ...o, spec: { ...spec, ...(size !== undefined ? { replicas: size } : {}) } };
      },
    },
  },
};

const group = { group: 'gadgets.example.dev', versions: ['v2', 'v1'], resources: [gadgets] };

describe('resource definitions', () => {
  let backend: StorageBackend;
  let getter: StorageFactoryRestOptionsFactory;
  beforeEach(async () => {
    backend = await newMemoryBackend({ type: 'memory', prefix: '/registry', compactionIntervalMs: 0 });
    getter = new StorageFactoryRestOptionsFactory({ config: { type: 'memory', prefix: '/registry' }, backend });
  });
  afterEach(() => backend.destroy());

  const storageOf = async (source: APIResourceConfigSource = allResourcesEnabled) => newRESTStorageProviderFor(group).newRESTStorage(source, getter);

  it('serves the resource and its status in every version, on one Store', async () => {
    const info = await storageOf();
    expect(info.prioritizedVersions.map((v) => v.version)).to.deep.equal(['v2', 'v1']);
    expect(Object.keys(info.versionedResourcesStorageMap.v2)).to.deep.equal(['gadgets', 'gadgets/status']);
    expect(Object.keys(info.versionedResourcesStorageMap.v1)).to.deep.equal(['gadgets', 'gadgets/status']);
  });

  it('an object written in one version reads the same in the other (hub and spoke)', async () => {
    const info = await storageOf();
    const v1 = info.versionedResourcesStorageMap.v1.gadgets as unknown as REST;
    const v2 = info.versionedResourcesStorageMap.v2.gadgets as unknown as REST;
    const created = await v1.create(ctx, { apiVersion: 'gadgets.example.dev/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { replicas: 3 } }, undefined, {});
    expect(created.apiVersion).to.equal('gadgets.example.dev/v1');
    expect(created.spec).to.deep.equal({ replicas: 3 });
    const read = await v2.get(ctx, 'g', {});
    expect(read.apiVersion).to.equal('gadgets.example.dev/v2');
    expect(read.spec).to.deep.equal({ size: 3 });
    expect(read.metadata?.generation).to.equal(1);
    const listed = await v1.list(ctx, everything());
    expect(listed.kind).to.equal('GadgetList');
    expect(listed.items.map((o) => o.spec)).to.deep.equal([{ replicas: 3 }]);
  });

  it('an update in a served version sees the old object in that version and bumps generation on the stored spec', async () => {
    const info = await storageOf();
    const v1 = info.versionedResourcesStorageMap.v1.gadgets as unknown as REST;
    await v1.create(ctx, { apiVersion: 'gadgets.example.dev/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { replicas: 3 } }, undefined, {});
    let seen: unknown;
    const { obj } = await v1.update(
      ctx,
      'g',
      modify((o) => {
        seen = o.spec;
        o.spec = { replicas: 5 };
      }),
      undefined,
      undefined,
      false,
      {},
    );
    expect(seen).to.deep.equal({ replicas: 3 });
    expect(obj.spec).to.deep.equal({ replicas: 5 });
    expect(obj.metadata?.generation).to.equal(2);
  });

  it('validation runs on the storage form and names the kind', async () => {
    const info = await storageOf();
    const v1 = info.versionedResourcesStorageMap.v1.gadgets as unknown as REST;
    const err = await v1
      .create(ctx, { apiVersion: 'gadgets.example.dev/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { replicas: -1 } }, undefined, {})
      .catch((e: Error) => e);
    expect((err as Error).message).to.equal('Gadget.gadgets.example.dev "g" is invalid: spec.size: Invalid value: -1: must be greater than or equal to 0');
  });

  it('a watch in a served version delivers objects in that version', async () => {
    const info = await storageOf();
    const v1 = info.versionedResourcesStorageMap.v1.gadgets as unknown as REST;
    const w = await v1.watch(ctx, everything({ resourceVersion: '0' }));
    await v1.create(ctx, { apiVersion: 'gadgets.example.dev/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { replicas: 2 } }, undefined, {});
    for await (const ev of w) {
      expect(ev.type).to.equal('ADDED');
      expect((ev.object as KObject).apiVersion).to.equal('gadgets.example.dev/v1');
      expect((ev.object as KObject).spec).to.deep.equal({ replicas: 2 });
      break;
    }
    w.stop();
  });

  it('/status keeps the spec, validates with the status hooks, and converts in other versions', async () => {
    const info = await storageOf();
    const v1 = info.versionedResourcesStorageMap.v1.gadgets as unknown as REST;
    const status = info.versionedResourcesStorageMap.v1['gadgets/status'] as unknown as Updater;
    await v1.create(ctx, { apiVersion: 'gadgets.example.dev/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { replicas: 2 }, status: { ready: true } }, undefined, {});
    expect((await v1.get(ctx, 'g', {})).status).to.equal(undefined);
    const { obj } = await status.update(
      ctx,
      'g',
      modify((o) => {
        o.status = { ready: true };
        o.spec = { replicas: 9 };
      }),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.apiVersion).to.equal('gadgets.example.dev/v1');
    expect(obj.spec).to.deep.equal({ replicas: 2 });
    expect(obj.status).to.deep.equal({ ready: true });
    const bad = await status
      .update(
        ctx,
        'g',
        modify((o) => (o.status = { ready: 'no' })),
        undefined,
        undefined,
        false,
        {},
      )
      .catch((e: Error) => e);
    expect((bad as Error).message).to.match(/status\.ready: Invalid value: "no": must be a boolean/);
  });

  it("reports one storage version for every served version, and the definition's discovery details", async () => {
    const info = await storageOf();
    const v1 = info.versionedResourcesStorageMap.v1.gadgets as unknown as { storageVersion(): unknown; shortNames(): string[]; categories(): string[] };
    const v2 = info.versionedResourcesStorageMap.v2.gadgets as unknown as typeof v1;
    expect(v1.storageVersion()).to.deep.equal({ group: 'gadgets.example.dev', version: 'v2', kind: 'Gadget' });
    expect(v2.storageVersion()).to.deep.equal(v1.storageVersion());
    expect(v1.shortNames()).to.deep.equal(['gd']);
    expect(v2.categories()).to.deep.equal(['all']);
  });

  it('--runtime-config can turn off a version or a resource', async () => {
    const noV1 = await storageOf({ versionEnabled: (gv) => gv.version !== 'v1', resourceEnabled: () => true });
    expect(Object.keys(noV1.versionedResourcesStorageMap.v1)).to.deep.equal([]);
    const none = await storageOf({ versionEnabled: () => true, resourceEnabled: (_gv, r) => r !== 'gadgets' });
    expect(Object.keys(none.versionedResourcesStorageMap.v2)).to.deep.equal([]);
  });

  it('prints NAME, the columns, AGE, then the wide columns', async () => {
    const info = await storageOf();
    const v2 = info.versionedResourcesStorageMap.v2.gadgets as unknown as REST & { convertToTable: Lister['convertToTable'] };
    const obj = await v2.create(ctx, { apiVersion: 'gadgets.example.dev/v2', kind: 'Gadget', metadata: { name: 'g' }, spec: {} }, undefined, {});
    const table = await v2.convertToTable(ctx, obj, {});
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Size', 'Age', 'Owner']);
    expect(table.rows[0].cells.slice(0, 2)).to.deep.equal(['g', 1]);
  });

  it('refuses a group whose resource names a version the group does not serve', () => {
    expect(() => newRESTStorageProviderFor({ ...group, versions: ['v2'] })).to.throw(
      'resource gadgets.gadgets.example.dev is served in v1, which group "gadgets.example.dev" does not serve',
    );
  });
});
