import { expect } from 'chai';
import type { KObject, Lister, RequestContext, StorageBackend, Watcher } from '@kapi/apiserver-core';
import { eventually } from '@kapi/apiserver-core/testing';
import { newTestRBAC } from '../testing/rbac-test-storage';
import { StoreInformer } from '@kapi/apiserver-core';

type Creater = { create(ctx: RequestContext, obj: KObject, v: undefined, o: object): Promise<KObject> };
const clusterRole = (name: string): KObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [] });

describe('StoreInformer', () => {
  let backend: StorageBackend;
  let store: Lister & Watcher & Creater;
  let informer: StoreInformer;
  const names = new Set<string>();
  let lists = 0;

  beforeEach(async () => {
    const t = await newTestRBAC();
    t.policy.stop();
    backend = t.backend;
    store = t.stores.clusterroles as unknown as Lister & Watcher & Creater;
    names.clear();
    lists = 0;
    informer = new StoreInformer(
      store,
      {
        replace: (items) => {
          lists++;
          names.clear();
          for (const i of items) names.add(i.metadata!.name!);
        },
        upsert: (o) => names.add(o.metadata!.name!),
        remove: (o) => names.delete(o.metadata!.name!),
      },
      10,
    );
  });
  afterEach(async () => {
    informer.stop();
    await backend.destroy();
  });

  it('lists, then follows the watch', async () => {
    await store.create({}, clusterRole('a'), undefined, {});
    informer.start();
    await informer.waitForSync();
    expect([...names]).to.deep.equal(['a']);
    await store.create({}, clusterRole('b'), undefined, {});
    await eventually(() => expect([...names].sort()).to.deep.equal(['a', 'b']));
  });

  it('lists again when the watch ends, catching up on what it missed', async () => {
    informer.start();
    await informer.waitForSync();
    // End the watch as a storage restart or a watch timeout would.
    const inside = informer as unknown as { stopWatch?: () => void };
    await eventually(() => expect(inside.stopWatch).to.be.a('function'));
    inside.stopWatch!();
    await store.create({}, clusterRole('missed'), undefined, {});
    await eventually(() => expect(lists).to.be.greaterThan(1));
    await eventually(() => expect([...names]).to.include('missed'));
  });
});
