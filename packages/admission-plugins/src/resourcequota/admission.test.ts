import { expect } from 'chai';
import type { Attributes, KObject, Store } from '@kapi/apiserver-core';
import { newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { LegacyRESTStorageProvider } from '@kapi/registry-core';
import { ResourceQuota } from './admission';

const pod = (name: string): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'ns' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
const deleting = (object: KObject): Attributes => ({
  name: object.metadata?.name ?? '',
  namespace: 'ns',
  resource: { group: '', version: 'v1', resource: 'pods' },
  subresource: '',
  operation: 'DELETE',
  dryRun: false,
  oldObject: object,
  kind: { group: '', version: 'v1', kind: 'Pod' },
});

describe('ResourceQuota admission: status on delete', () => {
  let group: TestGroup;
  let plugin: ResourceQuota;
  beforeEach(async () => {
    group = await newTestGroup(new LegacyRESTStorageProvider());
    plugin = new ResourceQuota();
    plugin.setStorageLookup((gr) => (gr.group === '' ? group.storage.v1[gr.resource] : undefined));
  });
  afterEach(() => group.destroy());

  it("counts what is left without the deleted object, so a repeated delete (a kubelet's confirmation racing another) does not subtract twice", async () => {
    const quotas = group.storage.v1.resourcequotas as Store;
    const pods = group.storage.v1.pods as Store;
    await quotas.create({ namespace: 'ns' }, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'ns' }, spec: { hard: { pods: '5' } } }, undefined, {});
    for (const n of ['a', 'b']) await pods.create({ namespace: 'ns' }, pod(n), undefined, {});
    const used = async () => ((await quotas.get({ namespace: 'ns' }, 'q', {})).status as { used?: { pods?: string } }).used?.pods;
    await plugin.validate({}, deleting(pod('a')));
    expect(await used()).to.equal('1');
    // The same delete again, once `a` is gone: still one pod, `b`.
    await pods.delete({ namespace: 'ns' }, 'a', undefined, {});
    await plugin.validate({}, deleting(pod('a')));
    expect(await used()).to.equal('1');
  });
});
