import { expect } from 'chai';
import { newDefaultAPIGroupInfo, type RequestContext, type Store } from '@kapi/apiserver-core';
import { newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { newFlowcontrolRESTStorageProvider } from '../rest/storage-flowcontrol';
import { FlowControlConfigurationProducer } from './configuration-producer';
import { ensureFlowControlConfiguration } from './ensure';
import { eventually } from '@kapi/apiserver-core/testing';

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
    await eventually(async () => expect((await schemas.get(ctx, 'global-default', {})).metadata?.name).to.equal('global-default'), 3000);
  });
});
