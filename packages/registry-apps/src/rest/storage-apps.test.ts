import { expect } from 'chai';
import { allResourcesEnabled, type APIResourceConfigSource, type StorageBackend } from '@kapi/apiserver-core';
import { newTestRESTOptionsGetter } from '../testing/apps-test-storage';
import { appsRESTStorageProvider } from './storage-apps';

describe('AppsRESTStorageProvider', () => {
  let backend: StorageBackend;
  afterEach(() => backend.destroy());

  it('serves every apps/v1 resource path, subresources sharing their parent Store', async () => {
    const t = await newTestRESTOptionsGetter();
    backend = t.backend;
    const info = await appsRESTStorageProvider.newRESTStorage(allResourcesEnabled, t.getter);
    const v1 = info.versionedResourcesStorageMap.v1;
    expect(Object.keys(v1).sort()).to.deep.equal([
      'controllerrevisions',
      'daemonsets',
      'daemonsets/status',
      'deployments',
      'deployments/scale',
      'deployments/status',
      'replicasets',
      'replicasets/scale',
      'replicasets/status',
      'statefulsets',
      'statefulsets/scale',
      'statefulsets/status',
    ]);
    expect((v1['deployments/status'] as unknown as { store: { storage: unknown } }).store.storage).to.equal((v1.deployments as unknown as { storage: unknown }).storage);
  });

  it('leaves out a resource and its subresources that --runtime-config disables', async () => {
    const t = await newTestRESTOptionsGetter();
    backend = t.backend;
    const noDaemonSets: APIResourceConfigSource = { versionEnabled: () => true, resourceEnabled: (_gv, r) => r !== 'daemonsets' };
    const info = await appsRESTStorageProvider.newRESTStorage(noDaemonSets, t.getter);
    expect(Object.keys(info.versionedResourcesStorageMap.v1).filter((p) => p.startsWith('daemonsets'))).to.deep.equal([]);
    expect(info.versionedResourcesStorageMap.v1).to.have.property('deployments/scale');
  });
});
