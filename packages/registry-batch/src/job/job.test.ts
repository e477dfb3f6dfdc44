import { expect } from 'chai';
import {
  allResourcesEnabled,
  LabelSelector,
  parseFieldSelector,
  storage,
  StorageFactoryRestOptionsFactory,
  type KObject,
  type RequestContext,
  type Storage,
  type StorageBackend,
  type Store,
  type J,
} from '@kapi/apiserver-core';
import { batchRESTStorageProvider } from '../rest/storage-batch';
import { jobTable } from './table';
import { invalidMessage as invalid, modify } from '@kapi/apiserver-core/registry/definition/testing';

const ctx: RequestContext = { namespace: 'default' };
const podTemplate = (restartPolicy = 'Never') => ({ spec: { restartPolicy, containers: [{ name: 'c', image: 'busybox' }] } });
const job = (name: string, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { template: podTemplate(), ...spec },
});

describe('batch/v1 Job', () => {
  let backend: StorageBackend;
  let jobs: Store;
  let status: Storage & { update: Store['update'] };
  beforeEach(async () => {
    const config: storage.Config = { type: 'memory', prefix: '/registry' };
    backend = await storage.newMemoryBackend(config);
    const info = await batchRESTStorageProvider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
    jobs = info.versionedResourcesStorageMap.v1.jobs as Store;
    status = info.versionedResourcesStorageMap.v1['jobs/status'] as Storage & { update: Store['update'] };
  });
  afterEach(() => backend.destroy());

  it('defaults as SetDefaults_Job and generates the selector and labels from the uid', async () => {
    const out = (await jobs.create(ctx, job('pi'), undefined, {})) as KObject & { spec: J };
    const uid = out.metadata?.uid;
    expect(out.spec).to.deep.include({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
    });
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect(out.spec.template.metadata.labels).to.deep.equal(labels);
    expect(out.metadata?.labels).to.deep.equal(labels);
    expect(out.spec.template.spec).to.include({ dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 });
  });

  it('parallelism alone leaves completions unset (a work queue); a pod failure policy makes replacement Failed', async () => {
    const queue = (await jobs.create(ctx, job('q', { parallelism: 3 }), undefined, {})) as KObject & { spec: Record<string, unknown> };
    expect(queue.spec.completions).to.equal(undefined);
    const policy = { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget' }] }] };
    const withPolicy = (await jobs.create(ctx, job('p', { podFailurePolicy: policy }), undefined, {})) as KObject & { spec: J };
    expect(withPolicy.spec.podReplacementPolicy).to.equal('Failed');
    expect(withPolicy.spec.podFailurePolicy.rules[0].onPodConditions[0].status).to.equal('True');
  });

  it("validates the spec with kube's messages", async () => {
    expect(await invalid(jobs.create(ctx, job('a', { parallelism: -1, completionMode: 'Sometimes', template: podTemplate('Always') }), undefined, {}))).to.equal(
      'Job.batch "a" is invalid: [spec.parallelism: Invalid value: -1: must be greater than or equal to 0, spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed", spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"]',
    );
    expect(await invalid(jobs.create(ctx, job('m', { managedBy: 'kueue' }), undefined, {}))).to.equal(
      'Job.batch "m" is invalid: spec.managedBy: Invalid value: "kueue": must be a domain-prefixed path (such as "acme.io/foo")',
    );
    await jobs.create(ctx, job('k', { managedBy: 'kueue.x-k8s.io/multikueue' }), undefined, {});
    expect(await invalid(jobs.create(ctx, job('b', { backoffLimitPerIndex: 1 }), undefined, {}))).to.equal(
      'Job.batch "b" is invalid: spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode',
    );
    // kube renders the list as Go does ([]int32{0, 2, 1}); kapi's field errors render values as JSON.
    expect(
      await invalid(jobs.create(ctx, job('c', { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [0, 2, 1] } }] } }), undefined, {})),
    ).to.equal(
      'Job.batch "c" is invalid: [spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator, spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [0,2,1]: must be ordered]',
    );
  });

  it('a null list entry is the zero struct, as kube decodes it: 422, not a crash', async () => {
    expect(await invalid(jobs.create(ctx, job('z', { podFailurePolicy: { rules: [null] } }), undefined, {}))).to.equal(
      'Job.batch "z" is invalid: [spec.podFailurePolicy.rules[0].action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"], spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required]',
    );
    await jobs.create(ctx, job('s'), undefined, {});
    expect(
      await invalid(
        status.update(
          ctx,
          's',
          modify((o) => (o.status = { conditions: [null], uncountedTerminatedPods: { failed: [null] } })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('Job.batch "s" is invalid: status.uncountedTerminatedPods.failed[0]: Invalid value: "": must not be empty');
  });

  it("a manual selector must select the template; without one the server's must not be replaced", async () => {
    expect(await invalid(jobs.create(ctx, job('m', { manualSelector: true, selector: { matchLabels: { a: 'b' } } }), undefined, {}))).to.match(
      /spec\.template\.metadata\.labels: Invalid value: .*: `selector` does not match template `labels`/,
    );
    const manual = job('m', { manualSelector: true, selector: { matchLabels: { a: 'b' } } });
    (manual.spec as { template: Record<string, unknown> }).template.metadata = { labels: { a: 'b' } };
    const out = (await jobs.create(ctx, manual, undefined, {})) as KObject & { spec: J };
    expect(out.spec.template.metadata.labels).to.deep.equal({ a: 'b' });
    expect(await invalid(jobs.create(ctx, job('n', { selector: { matchLabels: { a: 'b' } } }), undefined, {}))).to.match(
      /spec\.selector: Invalid value: .*: `selector` not auto-generated/,
    );
  });

  it('suspended and never started, a Job may move its pods; otherwise the template is immutable', async () => {
    await jobs.create(ctx, job('s', { suspend: true }), undefined, {});
    const { obj } = await jobs.update(
      ctx,
      's',
      modify((o) => ((o.spec as J).template.spec.nodeSelector = { zone: 'a' })),
      undefined,
      undefined,
      false,
      {},
    );
    expect((obj.spec as J).template.spec.nodeSelector).to.deep.equal({ zone: 'a' });
    expect(obj.metadata?.generation).to.equal(2);
    expect(
      await invalid(
        jobs.update(
          ctx,
          's',
          modify((o) => ((o.spec as J).template.spec.containers[0].image = 'other')),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.match(/spec\.template: Invalid value: .*: field is immutable/);
  });

  it('jobs/status refuses a Complete job without completionTime and disabling a terminal condition', async () => {
    await jobs.create(ctx, job('j'), undefined, {});
    const complete = {
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True' },
        { type: 'Complete', status: 'True' },
      ],
      startTime: '2026-01-01T00:00:00Z',
      succeeded: 1,
    };
    expect(
      await invalid(
        status.update(
          ctx,
          'j',
          modify((o) => (o.status = complete)),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('Job.batch "j" is invalid: status.completionTime: Required value: completionTime is required for Complete jobs');
    await status.update(
      ctx,
      'j',
      modify((o) => (o.status = { ...complete, completionTime: '2026-01-01T00:01:00Z' })),
      undefined,
      undefined,
      false,
      {},
    );
    expect(
      await invalid(
        status.update(
          ctx,
          'j',
          modify((o) => (o.status = { succeeded: 1, startTime: complete.startTime })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.include('status.conditions: Invalid value: cannot disable the terminal Complete=True condition');
  });

  it('jobs/status: Failed needs FailureTarget first; a running Job keeps its startTime', async () => {
    await jobs.create(ctx, job('f'), undefined, {});
    const start = { startTime: '2026-01-01T00:00:00Z', active: 1, ready: 1 };
    await status.update(
      ctx,
      'f',
      modify((o) => (o.status = start)),
      undefined,
      undefined,
      false,
      {},
    );
    expect(
      await invalid(
        status.update(
          ctx,
          'f',
          modify((o) => (o.status = { ...start, active: 0, ready: 0, conditions: [{ type: 'Failed', status: 'True' }] })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('Job.batch "f" is invalid: status.conditions: Invalid value: cannot set Failed=True condition without the FailureTarget=true condition');
    expect(
      await invalid(
        status.update(
          ctx,
          'f',
          modify((o) => (o.status = { active: 1, ready: 2 })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal(
      'Job.batch "f" is invalid: [status.ready: Invalid value: 2: cannot set more ready pods than active, status.startTime: Required value: startTime cannot be removed for unsuspended job]',
    );
  });

  it("a delete without a propagation policy orphans the pods (batch/v1's default)", async () => {
    const config: storage.Config = { type: 'memory', prefix: '/registry' };
    const gcBackend = await storage.newMemoryBackend(config);
    try {
      const getter = new StorageFactoryRestOptionsFactory({ config, backend: gcBackend, enableGarbageCollection: true });
      const gcJobs = (await batchRESTStorageProvider.newRESTStorage(allResourcesEnabled, getter)).versionedResourcesStorageMap.v1.jobs as Store;
      await gcJobs.create(ctx, job('o'), undefined, {});
      await gcJobs.create(ctx, job('b'), undefined, {});
      const orphaned = await gcJobs.delete(ctx, 'o', undefined, {});
      expect([orphaned.deleted, orphaned.obj.metadata?.finalizers]).to.deep.equal([false, ['orphan']]);
      expect((await gcJobs.delete(ctx, 'b', undefined, { propagationPolicy: 'Background' })).deleted).to.equal(true);
    } finally {
      await gcBackend.destroy();
    }
  });

  it("jobs/status: an Indexed Job's index lists parse and do not overlap", async () => {
    const indexed = { completionMode: 'Indexed', completions: 5, parallelism: 5, backoffLimitPerIndex: 1 };
    await jobs.create(ctx, job('ix', indexed), undefined, {});
    expect(
      await invalid(
        status.update(
          ctx,
          'ix',
          modify((o) => (o.status = { completedIndexes: '0,2-3', failedIndexes: '3-4' })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('Job.batch "ix" is invalid: status.failedIndexes: Invalid value: "3-4": failedIndexes and completedIndexes overlap at index: 3');
    expect(
      await invalid(
        status.update(
          ctx,
          'ix',
          modify((o) => (o.status = { completedIndexes: '3,1' })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.equal('Job.batch "ix" is invalid: status.completedIndexes: Invalid value: "3,1": error parsing completedIndexes: non-increasing order, previous: 3, current: 1');
    await status.update(
      ctx,
      'ix',
      modify((o) => (o.status = { completedIndexes: '0-1', failedIndexes: '4' })),
      undefined,
      undefined,
      false,
      {},
    );
  });

  it('warns about an Indexed Job too large to track', async () => {
    const c: RequestContext = { namespace: 'default' };
    await jobs.create(c, job('big', { completionMode: 'Indexed', completions: 100_001, parallelism: 10_001 }), undefined, {});
    expect(c.warnings).to.deep.equal([
      'spec: In Indexed Jobs with a number of completions higher than 10^5 and a parallelism higher than 10^4, Kubernetes might not be able to track completedIndexes when a big number of indexes fail',
    ]);
  });

  it('selects jobs by status.successful', async () => {
    await jobs.create(ctx, job('one'), undefined, {});
    await jobs.create(ctx, job('two'), undefined, {});
    await status.update(
      ctx,
      'two',
      modify((o) => (o.status = { succeeded: 1 })),
      undefined,
      undefined,
      false,
      {},
    );
    const list = await jobs.list(ctx, { labelSelector: LabelSelector.everything(), fieldSelector: parseFieldSelector('status.successful=1') });
    expect(list.items.map((j) => j.metadata?.name)).to.deep.equal(['two']);
  });

  it('prints STATUS, COMPLETIONS and DURATION as printJob does', () => {
    const cells = (o: KObject) => jobTable.slice(0, 3).map((c) => c.cell(o));
    expect(cells(job('x', { completions: 3 }))).to.deep.equal(['Running', '0/3', '']);
    expect(cells({ ...job('x', { parallelism: 2 }), status: { succeeded: 1 } })).to.deep.equal(['Running', '1/1 of 2', '']);
    const done = {
      ...job('x', { completions: 1 }),
      status: { succeeded: 1, startTime: '2026-01-01T00:00:00Z', completionTime: '2026-01-01T00:00:42Z', conditions: [{ type: 'Complete', status: 'True' }] },
    };
    expect(cells(done)).to.deep.equal(['Complete', '1/1', '42s']);
    expect(cells({ ...job('x'), status: { conditions: [{ type: 'Suspended', status: 'True' }] } })[0]).to.equal('Suspended');
  });
});
