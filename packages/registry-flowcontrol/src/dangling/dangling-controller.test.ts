import { expect } from 'chai';
import { newDefaultAPIGroupInfo, type KObject, type RequestContext, type Store } from '@kapi/apiserver-core';
import { newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { newFlowcontrolRESTStorageProvider } from '../rest/storage-flowcontrol';
import { FlowSchemaDanglingController } from './dangling-controller';
import { eventually } from '@kapi/apiserver-core/testing';

const ctx: RequestContext = {};
const schema = (name: string, level: string): KObject => ({
  apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
  kind: 'FlowSchema',
  metadata: { name },
  spec: {
    priorityLevelConfiguration: { name: level },
    rules: [{ subjects: [{ kind: 'Group', group: { name: 'dev' } }], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }] }],
  },
});
const level = (name: string): KObject => ({
  apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
  kind: 'PriorityLevelConfiguration',
  metadata: { name },
  spec: { type: 'Limited', limited: { limitResponse: { type: 'Reject' } } },
});

/** The controller reacts to watch events: poll until the check holds. */
describe('FlowSchemaDanglingController', () => {
  let group: TestGroup;
  let controller: FlowSchemaDanglingController;
  let schemas: Store;
  let levels: Store;
  beforeEach(async () => {
    group = await newTestGroup(newFlowcontrolRESTStorageProvider());
    schemas = group.storage.v1.flowschemas as Store;
    levels = group.storage.v1.prioritylevelconfigurations as Store;
    const info = newDefaultAPIGroupInfo('flowcontrol.apiserver.k8s.io', 'v1');
    info.versionedResourcesStorageMap.v1 = group.storage.v1;
    controller = new FlowSchemaDanglingController(new Map([['flowcontrol.apiserver.k8s.io', info]]));
    controller.start();
  });
  afterEach(async () => {
    controller.stop();
    await group.destroy();
  });

  const dangling = async (name: string) => {
    const fs = await schemas.get(ctx, name, {});
    return (fs.status as { conditions?: { type: string; status: string; reason: string; message: string }[] } | undefined)?.conditions?.find((c) => c.type === 'Dangling');
  };

  it('marks a schema whose level is missing, and clears the mark once the level exists', async () => {
    await schemas.create(ctx, schema('batch', 'batch'), undefined, {});
    await eventually(async () =>
      expect(await dangling('batch')).to.deep.include({
        status: 'True',
        reason: 'NotFound',
        message: 'This FlowSchema references the PriorityLevelConfiguration object named "batch" but there is no such object',
      }),
    );
    await levels.create(ctx, level('batch'), undefined, {});
    await eventually(async () =>
      expect(await dangling('batch')).to.deep.include({
        status: 'False',
        reason: 'Found',
        message: 'This FlowSchema references the PriorityLevelConfiguration object named "batch" and it exists',
      }),
    );
    await levels.delete(ctx, 'batch', undefined, {});
    await eventually(async () => expect((await dangling('batch'))?.status).to.equal('True'));
  });
});
