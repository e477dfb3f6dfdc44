import { expect } from 'chai';
import {
  allResourcesEnabled,
  FieldSelector,
  newDefinedStore,
  isStatusError,
  LabelSelector,
  storage,
  StorageFactoryRestOptionsFactory,
  type KObject,
  type RequestContext,
  type Store,
  type StorageBackend,
  type VersionedStorage,
} from '@kapi/apiserver-core';
import { eventDefinition } from '@kapi/registry-core';
import { newEventsRESTStorageProvider } from '../rest/storage-events';
import { eventFromCore, eventToCore } from './conversion';
import { invalidCauses as causes } from '@kapi/apiserver-core/registry/definition/testing';

const ctx: RequestContext = { namespace: 'default' };
const event = (name: string, fields: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata: { name, namespace: 'default' },
  eventTime: '2026-12-03T10:00:00.000000Z',
  reportingController: 'kapi.dev/test',
  reportingInstance: 'test-0',
  action: 'Testing',
  reason: 'Tested',
  regarding: { kind: 'Pod', name: 'p', namespace: 'default' },
  note: 'hello',
  type: 'Normal',
  ...fields,
});

describe('events.k8s.io/v1 Event', () => {
  it("converts to core v1 and back under kube's field mapping", () => {
    const e = event('a', {
      series: { count: 2, lastObservedTime: '2026-12-03T10:01:00.000000Z' },
      related: { kind: 'Node', name: 'n' },
      deprecatedSource: { component: 'c' },
      deprecatedFirstTimestamp: '2026-12-03T09:00:00Z',
      deprecatedLastTimestamp: '2026-12-03T09:30:00Z',
      deprecatedCount: 4,
    });
    const core = eventToCore(e);
    expect(core).to.deep.include({
      apiVersion: 'v1',
      involvedObject: e.regarding,
      message: 'hello',
      reportingComponent: 'kapi.dev/test',
      source: { component: 'c' },
      firstTimestamp: '2026-12-03T09:00:00Z',
      lastTimestamp: '2026-12-03T09:30:00Z',
      count: 4,
      series: e.series,
      related: e.related,
    });
    expect(eventFromCore(core)).to.deep.equal(e);
  });

  describe('storage shared with core events', () => {
    let backend: StorageBackend;
    let events: VersionedStorage;
    let core: Store;
    beforeEach(async () => {
      const config: storage.Config = { type: 'memory', prefix: '/registry' };
      backend = await storage.newMemoryBackend(config);
      const getter = new StorageFactoryRestOptionsFactory({ config, backend });
      const info = await newEventsRESTStorageProvider(3600).newRESTStorage(allResourcesEnabled, getter);
      events = info.versionedResourcesStorageMap.v1.events as unknown as VersionedStorage;
      core = newDefinedStore(eventDefinition(3600), getter);
    });
    afterEach(() => backend.destroy());

    it('an event written through events.k8s.io is a core event, and back', async () => {
      const created = await events.create(ctx, event('a'), undefined, {});
      expect(created.apiVersion).to.equal('events.k8s.io/v1');
      const asCore = await core.get(ctx, 'a', {});
      expect(asCore).to.deep.include({ apiVersion: 'v1', message: 'hello', reportingComponent: 'kapi.dev/test' });
      expect(asCore.metadata?.uid).to.equal(created.metadata?.uid);
      await core.create(
        ctx,
        { apiVersion: 'v1', kind: 'Event', metadata: { name: 'b' }, involvedObject: { kind: 'Pod', name: 'p' }, message: 'from core', reason: 'R' },
        undefined,
        {},
      );
      expect(await events.get(ctx, 'b', {})).to.deep.include({ note: 'from core', regarding: { kind: 'Pod', name: 'p' }, eventTime: null });
      const list = await events.list(ctx, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() });
      expect(list.kind).to.equal('EventList');
      expect(list.items.map((e) => [e.apiVersion, e.metadata?.name])).to.deep.equal([
        ['events.k8s.io/v1', 'a'],
        ['events.k8s.io/v1', 'b'],
      ]);
    });

    it('an unknown name answers with the core resource, as kube shares the store', async () => {
      try {
        await events.get(ctx, 'missing', {});
        expect.fail('expected 404');
      } catch (err) {
        expect(isStatusError(err) && err.message).to.equal('events "missing" not found');
      }
    });

    it("refuses an event without eventTime or with core's deprecated fields, on core's paths", async () => {
      expect(
        await causes(events.create(ctx, event('c', { eventTime: undefined, type: 'Bad', deprecatedSource: { host: 'h' }, series: { count: 1 } }), undefined, {})),
      ).to.deep.equal([
        'series.count: Invalid value: "": should be at least 2',
        'series.lastObservedTime: Required value',
        'eventTime: Required value',
        'type: Invalid value: "": has invalid value: Bad',
        'source: Invalid value: "": needs to be unset',
      ]);
    });

    it('an update changes the series only', async () => {
      await events.create(ctx, event('d'), undefined, {});
      const info = (fn: (o: KObject) => void) => ({
        preconditions: () => undefined,
        updatedObject: async (_c: RequestContext, old?: KObject) => {
          const o = structuredClone(old!);
          fn(o);
          return o;
        },
      });
      await events.update(
        ctx,
        'd',
        info((o) => (o.series = { count: 2, lastObservedTime: '2026-12-03T10:02:00.000000Z' })),
        undefined,
        undefined,
        false,
        {},
      );
      expect(
        await causes(
          events.update(
            ctx,
            'd',
            info((o) => {
              o.reportingController = 'other';
              o.action = 'Other';
            }),
            undefined,
            undefined,
            false,
            {},
          ),
        ),
      ).to.deep.equal(['action: Invalid value: "Other": field is immutable', 'reportingController: Invalid value: "other": field is immutable']);
    });
  });
});
