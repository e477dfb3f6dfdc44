import { expect } from 'chai';
import { allResourcesEnabled, LabelSelector, FieldSelector, storage, StorageFactoryRestOptionsFactory, type StorageBackend, type Store } from '@kapi/apiserver-core';
import { apiregistrationRESTStorageProvider } from '../rest/storage-apiregistration';
import type { APIService } from '../apis/apiservice/types';
import { AutoRegisterController, automanagedLabel, type LocalGroupVersion } from './autoregister-controller';
import { eventually } from '@kapi/apiserver-core/testing';

describe('AutoRegisterController', () => {
  let backend: StorageBackend;
  let services: Store;
  let controller: AutoRegisterController;
  let local: LocalGroupVersion[];
  const names = async () => {
    const list = await services.list({}, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() });
    return (list.items as APIService[])
      .map((s) => `${s.metadata?.name}=${s.metadata?.labels?.[automanagedLabel] ?? ''}:${s.spec?.groupPriorityMinimum}/${s.spec?.versionPriority}`)
      .sort();
  };
  beforeEach(async () => {
    const config: storage.Config = { type: 'memory', prefix: '/registry' };
    backend = await storage.newMemoryBackend(config);
    const info = await apiregistrationRESTStorageProvider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
    services = info.versionedResourcesStorageMap.v1.apiservices as Store;
    local = [
      { group: '', version: 'v1', managed: 'onstart' },
      { group: 'apps', version: 'v1', managed: 'onstart' },
      { group: 'stable.example.com', version: 'v1', managed: 'true' },
    ];
    controller = new AutoRegisterController(services, () => local, 20);
    controller.start();
    await controller.waitForSync();
  });
  afterEach(async () => {
    controller.stop();
    await backend.destroy();
  });

  it("registers a local APIService per served group-version with kube's priorities", async () => {
    await eventually(async () => expect(await names()).to.deep.equal(['v1.=onstart:18000/1', 'v1.apps=onstart:17800/15', 'v1.stable.example.com=true:1000/100']));
  });

  it("removes a CRD's APIService when its group-version goes, and puts back one a user deleted", async () => {
    await eventually(async () => expect(await names()).to.have.length(3));
    local = local.filter((gv) => gv.group !== 'stable.example.com');
    await services.delete({}, 'v1.apps', undefined, {});
    await eventually(async () => expect(await names()).to.deep.equal(['v1.=onstart:18000/1', 'v1.apps=onstart:17800/15']));
  });

  it('leaves APIServices without its label alone', async () => {
    await services.create(
      {},
      {
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        metadata: { name: 'v1.widgets.example.dev' },
        spec: { group: 'widgets.example.dev', version: 'v1', groupPriorityMinimum: 500, versionPriority: 5, service: { namespace: 'default', name: 'w', port: 443 } },
      },
      undefined,
      {},
    );
    await eventually(async () => expect(await names()).to.include('v1.widgets.example.dev=:500/5'));
    await new Promise((r) => setTimeout(r, 100));
    expect(await names()).to.include('v1.widgets.example.dev=:500/5');
  });
});
