import { expect } from 'chai';
import { allResourcesEnabled, storage, StorageFactoryRestOptionsFactory, type KObject, type RequestContext, type StorageBackend, type Store } from '@kapi/apiserver-core';
import { nodeRESTStorageProvider } from '../rest/storage-node';
import { invalidMessage as invalid, modify } from '@kapi/apiserver-core/registry/definition/testing';

const ctx: RequestContext = {};
const rc = (name: string, fields: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: { name },
  handler: 'runc',
  ...fields,
});

describe('node.k8s.io/v1 RuntimeClass', () => {
  let backend: StorageBackend;
  let classes: Store;
  beforeEach(async () => {
    const config: storage.Config = { type: 'memory', prefix: '/registry' };
    backend = await storage.newMemoryBackend(config);
    const info = await nodeRESTStorageProvider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
    classes = info.versionedResourcesStorageMap.v1.runtimeclasses as Store;
  });
  afterEach(() => backend.destroy());

  it('the handler must be a DNS label', async () => {
    expect(await invalid(classes.create(ctx, rc('a', { handler: 'Run_C' }), undefined, {}))).to.equal(
      "RuntimeClass.node.k8s.io \"a\" is invalid: handler: Invalid value: \"Run_C\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  it("checks overhead quantities and scheduling labels and tolerations with kube's paths", async () => {
    const bad = rc('b', {
      overhead: { podFixed: { cpu: '-1' } },
      scheduling: {
        nodeSelector: { 'bad key!': 'x' },
        tolerations: [
          { key: 'k', operator: 'Exists', value: 'v' },
          { key: 'd', effect: 'NoSchedule' },
          { key: 'd', effect: 'NoSchedule', tolerationSeconds: 5 },
        ],
      },
    });
    const msg = await invalid(classes.create(ctx, bad, undefined, {}));
    expect(msg).to.include('overhead.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0');
    expect(msg).to.include('scheduling.nodeSelector: Invalid value: "bad key!"');
    expect(msg).to.include('scheduling.tolerations.tolerations[0].operator: Invalid value: "v": value must be empty when `operator` is \'Exists\'');
    expect(msg).to.include('scheduling.tolerations[2]: Duplicate value:');
  });

  it('a null toleration is the zero toleration, as kube decodes it', async () => {
    expect(await invalid(classes.create(ctx, rc('n', { scheduling: { tolerations: [null] } }), undefined, {}))).to.equal(
      'RuntimeClass.node.k8s.io "n" is invalid: scheduling.tolerations.tolerations[0].operator: Invalid value: "": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    );
  });

  it('the handler is immutable; updates need a resourceVersion and may create', async () => {
    await classes.create(ctx, rc('c'), undefined, {});
    expect(
      await invalid(
        classes.update(
          ctx,
          'c',
          modify((o) => Object.assign(o, { handler: 'kata' })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('RuntimeClass.node.k8s.io "c" is invalid: handler: Invalid value: "kata": field is immutable');
    expect(
      await invalid(
        classes.update(
          ctx,
          'c',
          modify((o) => delete o.metadata?.resourceVersion),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.include('metadata.resourceVersion: Invalid value: 0: must be specified for an update');
    const created = await classes.update(ctx, 'd', { preconditions: () => undefined, updatedObject: async () => rc('d') }, undefined, undefined, false, {});
    expect(created.created).to.equal(true);
  });

  it('warns about a node selector on a deprecated node label', async () => {
    const c: RequestContext = {};
    await classes.create(c, rc('w', { scheduling: { nodeSelector: { 'beta.kubernetes.io/os': 'linux' } } }), undefined, {});
    expect(c.warnings).to.deep.equal(['scheduling.nodeSelector: deprecated since v1.14; use "kubernetes.io/os" instead']);
  });

  it('prints NAME HANDLER AGE', async () => {
    const out = await classes.create(ctx, rc('e', { handler: 'runsc' }), undefined, {});
    const table = await classes.convertToTable(ctx, out, {});
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Handler', 'Age']);
    expect(table.rows[0].cells.slice(0, 2)).to.deep.equal(['e', 'runsc']);
  });
});
