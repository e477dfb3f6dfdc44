import { expect } from 'chai';
import { ContainerModule, injectable } from 'inversify';
import { newDefaultAPIGroupInfo, type APIGroupInfo, bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { defaultServerRunOptions } from './options';
import { createServerChain, shutdownServerChain, builtinGroupModules } from './server-chain';

describe('createServerChain', () => {
  it('installs the legacy group and every named group bound in the container', async () => {
    const chain = await createServerChain({ ...defaultServerRunOptions(), storageBackend: 'memory' });
    try {
      expect([...chain.instance.groups.keys()].sort()).to.deep.equal([
        '',
        'admissionregistration.k8s.io',
        'apiregistration.k8s.io',
        'apps',
        'authentication.k8s.io',
        'authorization.k8s.io',
        'autoscaling',
        'batch',
        'certificates.k8s.io',
        'coordination.k8s.io',
        'discovery.k8s.io',
        'events.k8s.io',
        'flowcontrol.apiserver.k8s.io',
        'networking.k8s.io',
        'node.k8s.io',
        'policy',
        'rbac.authorization.k8s.io',
        'scheduling.k8s.io',
        'storage.k8s.io',
      ]);
      expect(chain.server.discovery.resourceList({ group: '', version: 'v1' })?.resources.map((r) => r.name)).to.include('configmaps');
    } finally {
      await shutdownServerChain(chain);
    }
  });

  it('skips a group --runtime-config disables', async () => {
    const chain = await createServerChain({
      ...defaultServerRunOptions(),
      storageBackend: 'memory',
      runtimeConfig: { 'apps/v1': 'false', 'batch/v1': 'false', 'scheduling.k8s.io/v1': 'false', 'node.k8s.io/v1': 'false' },
    });
    try {
      for (const group of ['apps', 'batch', 'scheduling.k8s.io', 'node.k8s.io']) expect(chain.instance.groups.has(group), group).to.equal(false);
      expect(chain.server.discovery.apiGroupList().groups.map((g) => g.name)).to.deep.equal([
        'events.k8s.io',
        'authentication.k8s.io',
        'authorization.k8s.io',
        'autoscaling',
        'certificates.k8s.io',
        'networking.k8s.io',
        'policy',
        'rbac.authorization.k8s.io',
        'storage.k8s.io',
        'admissionregistration.k8s.io',
        'coordination.k8s.io',
        'discovery.k8s.io',
        'flowcontrol.apiserver.k8s.io',
        'apiregistration.k8s.io',
        'apiextensions.k8s.io',
      ]);
    } finally {
      await shutdownServerChain(chain);
    }
  });

  it('names the group whose provider fails', async () => {
    @injectable()
    class BrokenProvider {
      readonly groupName = 'broken.example.dev';
      newRESTStorage(): APIGroupInfo {
        throw new Error('boom');
      }
    }
    const broken = new ContainerModule((bind) => {
      bindService(bind, RESTStorageProviderKey).to(BrokenProvider);
    });
    try {
      await createServerChain({ ...defaultServerRunOptions(), storageBackend: 'memory' }, [...builtinGroupModules, broken]);
      expect.fail('expected an error');
    } catch (err) {
      expect((err as Error).message).to.equal('problem initializing API group "broken.example.dev": boom');
    }
  });

  it('refuses an unknown storage backend and etcd2 with clear errors', async () => {
    for (const [type, message] of [
      ['etcd2', 'etcd2 is no longer a supported storage backend'],
      ['sqlite', 'unknown storage type: "sqlite" (supported: memory, embedded, etcd3)'],
    ]) {
      try {
        await createServerChain({ ...defaultServerRunOptions(), storageBackend: type });
        expect.fail('expected an error');
      } catch (err) {
        expect((err as Error).message).to.equal(message);
      }
    }
  });

  it('installs an empty provider map as nothing', async () => {
    @injectable()
    class EmptyProvider {
      readonly groupName = 'empty.example.dev';
      newRESTStorage(): APIGroupInfo {
        return newDefaultAPIGroupInfo('empty.example.dev', 'v1');
      }
    }
    const chain = await createServerChain({ ...defaultServerRunOptions(), storageBackend: 'memory' }, [
      new ContainerModule((bind) => {
        bindService(bind, RESTStorageProviderKey).to(EmptyProvider);
      }),
    ]);
    try {
      expect([...chain.instance.groups.keys()]).to.deep.equal([]);
    } finally {
      await shutdownServerChain(chain);
    }
  });
});
