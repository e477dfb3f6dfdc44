import { expect } from 'chai';
import { ContainerModule } from 'inversify';
import { Agent, fetch } from 'undici';
import {
  newDefaultAPIGroupInfo,
  newRESTStorageProviderFor,
  RESTStorageProvider,
  type APIGroupInfo,
  type Creater,
  type ResourceDefinition,
  bindService,
  RESTStorageProviderKey,
} from '@kapi/apiserver-core';
import { createServer, type KapiServer } from './create-server';

const beacons: ResourceDefinition = { group: 'hooks.example.dev', version: 'v1', kind: 'Beacon', plural: 'beacons', scope: 'Cluster' };

/**
 * One provider, bound as a module-level constant as group modules bind theirs, whose post-start hook
 * writes a Beacon named after the server it ran in: each server must find exactly its own.
 */
let nextServer = 0;
const provider = newRESTStorageProviderFor({
  group: beacons.group,
  versions: ['v1'],
  resources: [beacons],
  postStartHooks: [
    {
      name: 'hooks/beacon',
      hook: async (storage) => {
        const store = storage.v1.beacons as unknown as Creater;
        await store.create({}, { apiVersion: 'hooks.example.dev/v1', kind: 'Beacon', metadata: { name: `beacon-${nextServer++}` } }, undefined, {});
      },
    },
  ],
});
/**
 * Installed after the beacons: it holds each server's installation until both servers have built
 * their beacons storage, so the race is certain, not a matter of timing. Its group stays empty.
 */
let arrived = 0;
let release: () => void = () => undefined;
const bothBuilt = new Promise<void>((resolve) => (release = resolve));
const barrier: RESTStorageProvider = {
  groupName: 'barrier.example.dev',
  async newRESTStorage(): Promise<APIGroupInfo> {
    if (++arrived === 2) release();
    await Promise.race([bothBuilt, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    return newDefaultAPIGroupInfo('barrier.example.dev', 'v1');
  },
};
const beaconsModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(provider);
  bindService(bind, RESTStorageProviderKey).toConstantValue(barrier);
});

const beaconNames = async (server: KapiServer): Promise<string[]> => {
  const res = await fetch(`${server.url}/apis/hooks.example.dev/v1/beacons`, { dispatcher: new Agent({ connect: server.tls }) });
  const list = (await res.json()) as { items: { metadata: { name: string } }[] };
  return list.items.map((i) => i.metadata.name);
};

describe('post-start hooks of a shared provider', () => {
  it('two servers started concurrently in one process each run the group hook over their own storage', async () => {
    const servers = await Promise.all([createServer({ modules: [beaconsModule] }), createServer({ modules: [beaconsModule] })]);
    try {
      const names = await Promise.all(servers.map(beaconNames));
      expect(
        names.map((n) => n.length),
        JSON.stringify(names),
      ).to.deep.equal([1, 1]);
      expect(names.flat().sort()).to.deep.equal(['beacon-0', 'beacon-1']);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});
