import { expect } from 'chai';
import { newDefaultAPIGroupInfo, type RequestContext, type Store } from '@kapi/apiserver-core';
import { newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { newFlowcontrolRESTStorageProvider } from '../rest/storage-flowcontrol';
import { FlowControlConfigurationProducer } from './configuration-producer';
import { ensureFlowControlConfiguration } from './ensure';

const ctx: RequestContext = {};

describe('FlowControlConfigurationProducer', () => {
  let group: TestGroup;
  let producer: FlowControlConfigurationProducer;
  beforeEach(async () => {
    group = await newTestGroup(newFlowcontrolRESTStorageProvider());
    const info = newDefaultAPIGroupInfo('flowcontrol.apiserver.k8s.io', 'v1');
    info.versionedResourcesStorageMap.v1 = group.storage.v1;
    producer = new FlowControlConfigurationProducer(new Map([['flowcontrol.apiserver.k8s.io', info]]), 20);
  });
  afterEach(async () => {
    producer.stop();
    await group.destroy();
  });

  it('brings a deleted bootstrap object back on its next pass', async () => {
    const schemas = group.storage.v1.flowschemas as Store;
    await ensureFlowControlConfiguration(schemas, group.storage.v1.prioritylevelconfigurations);
    await schemas.delete(ctx, 'global-default', undefined, {});
    producer.start();
    const deadline = Date.now() + 3000;
    for (;;) {
      try {
        const back = await schemas.get(ctx, 'global-default', {});
        expect(back.metadata?.name).to.equal('global-default');
        return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  });
});
