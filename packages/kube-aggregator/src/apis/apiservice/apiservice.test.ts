import { expect } from 'chai';
import { allResourcesEnabled, isUpdater, storage, StorageFactoryRestOptionsFactory, type KObject, type Storage, type StorageBackend, type Store } from '@kapi/apiserver-core';
import { invalidMessage as invalid } from '@kapi/apiserver-core/registry/definition/testing';
import { apiregistrationRESTStorageProvider } from '../../rest/storage-apiregistration';
import type { APIService } from './types';

const apiService = (name: string, spec: Record<string, unknown>): KObject => ({
  apiVersion: 'apiregistration.k8s.io/v1',
  kind: 'APIService',
  metadata: { name },
  spec: { group: 'widgets.example.dev', version: 'v1', groupPriorityMinimum: 1000, versionPriority: 15, ...spec },
});
const remote = { service: { namespace: 'default', name: 'widgets-api', port: 443 } };

describe('apiregistration.k8s.io/v1 APIService', () => {
  let backend: StorageBackend;
  let services: Store;
  let status: Storage;
  beforeEach(async () => {
    const config: storage.Config = { type: 'memory', prefix: '/registry' };
    backend = await storage.newMemoryBackend(config);
    const info = await apiregistrationRESTStorageProvider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
    services = info.versionedResourcesStorageMap.v1.apiservices as Store;
    status = info.versionedResourcesStorageMap.v1['apiservices/status'];
  });
  afterEach(() => backend.destroy());

  it("requires the name to be version.group and bounds the priorities, with kube's messages", async () => {
    expect(await invalid(services.create({}, apiService('v2.widgets.example.dev', { groupPriorityMinimum: 20001, versionPriority: 0 }), undefined, {}))).to.equal(
      'APIService.apiregistration.k8s.io "v2.widgets.example.dev" is invalid: [metadata.name: Invalid value: "v2.widgets.example.dev": must be `spec.version+"."+spec.group`: "v1.widgets.example.dev", ' +
        'spec.groupPriorityMinimum: Invalid value: 20001: must be positive and less than 20000, spec.versionPriority: Invalid value: 0: must be positive and less than 1000]',
    );
  });

  it('refuses trust settings on a local APIService and a bad service reference on a remote one', async () => {
    expect(
      await invalid(services.create({}, apiService('v1.widgets.example.dev', { caBundle: Buffer.from('abc').toString('base64'), insecureSkipTLSVerify: true }), undefined, {})),
    ).to.equal(
      'APIService.apiregistration.k8s.io "v1.widgets.example.dev" is invalid: [spec.caBundle: Invalid value: "3 bytes": local APIServices may not have a caBundle, ' +
        'spec.insecureSkipTLSVerify: Invalid value: true: local APIServices may not have insecureSkipTLSVerify]',
    );
    expect(
      await invalid(
        services.create(
          {},
          apiService('v1.widgets.example.dev', {
            service: { port: 70000 },
            caBundle: Buffer.from('abc').toString('base64'),
            insecureSkipTLSVerify: true,
          }),
          undefined,
          {},
        ),
      ),
    ).to.equal(
      'APIService.apiregistration.k8s.io "v1.widgets.example.dev" is invalid: [spec.service.namespace: Required value, spec.service.name: Required value, ' +
        'spec.service.port: Invalid value: 70000: port is not valid: must be between 1 and 65535, inclusive, spec.insecureSkipTLSVerify: Invalid value: true: may not be true if caBundle is present]',
    );
  });

  it('only v1 may have an empty group; the legacy APIService is named "v1."', async () => {
    expect(await invalid(services.create({}, apiService('v2.', { group: '', version: 'v2' }), undefined, {}))).to.equal(
      'APIService.apiregistration.k8s.io "v2." is invalid: spec.group: Required value: only v1 may have an empty group and it better be legacy kube',
    );
    const legacy = await services.create({}, apiService('v1.', { group: '', version: 'v1', groupPriorityMinimum: 18000, versionPriority: 1 }), undefined, {});
    expect(legacy.metadata?.name).to.equal('v1.');
  });

  it('drops the status a create sends; /status writes conditions and keeps the spec', async () => {
    const created = (await services.create(
      {},
      { ...apiService('v1.widgets.example.dev', remote), status: { conditions: [{ type: 'Available', status: 'True' }] } },
      undefined,
      {},
    )) as APIService;
    expect(created.status?.conditions ?? []).to.deep.equal([]);
    if (!isUpdater(status)) throw new Error('apiservices/status is not an Updater');
    const { obj } = await status.update(
      {},
      'v1.widgets.example.dev',
      {
        preconditions: () => undefined,
        updatedObject: async (_ctx, old) => ({
          ...(old as APIService),
          spec: { ...(old as APIService).spec, versionPriority: 99 },
          status: { conditions: [{ type: 'Available', status: 'False', reason: 'FailedDiscoveryCheck' }] },
        }),
      },
      undefined,
      undefined,
      false,
      {},
    );
    expect((obj as APIService).spec?.versionPriority).to.equal(15);
    expect((obj as APIService).status?.conditions?.[0].reason).to.equal('FailedDiscoveryCheck');
    expect(
      await invalid(
        status.update(
          {},
          'v1.widgets.example.dev',
          {
            preconditions: () => undefined,
            updatedObject: async (_ctx, old) => ({ ...(old as APIService), status: { conditions: [{ type: 'Available', status: 'Maybe' }] } }),
          },
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.contain('status.conditions[0].status: Unsupported value: "Maybe": supported values: "True", "False", "Unknown"');
  });
});
