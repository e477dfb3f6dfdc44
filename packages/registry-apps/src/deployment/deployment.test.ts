import { expect } from 'chai';
import { ctx, type DefinedStorage, invalidCauses, modify, newTestRESTOptionsGetter, podTemplate, replaceWith, storageOf } from '../testing/apps-test-storage';
import type { KObject, StorageBackend } from '@kapi/apiserver-core';
import { deploymentDefinition } from './definition';

const deployment = (name: string, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: podTemplate(name), ...spec },
});

describe('apps/v1 deployments', () => {
  let backend: StorageBackend;
  let s: DefinedStorage;
  beforeEach(async () => {
    const t = await newTestRESTOptionsGetter();
    backend = t.backend;
    s = storageOf(deploymentDefinition, t.getter);
  });
  afterEach(() => backend.destroy());

  it('defaults strategy, replicas, revisionHistoryLimit, progressDeadlineSeconds and the pod template', async () => {
    const out = await s.main.create(ctx(), deployment('web'), undefined, {});
    const spec = out.spec as Record<string, unknown>;
    expect(spec.replicas).to.equal(1);
    expect(spec.strategy).to.deep.equal({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(spec.revisionHistoryLimit).to.equal(10);
    expect(spec.progressDeadlineSeconds).to.equal(600);
    // As kube-apiserver serialises a template: a null creationTimestamp, no Pod-only enableServiceLinks; and an empty status.
    expect((spec.template as { metadata: Record<string, unknown> }).metadata.creationTimestamp).to.equal(null);
    expect(out.status).to.deep.equal({});
    const pod = (spec.template as { spec: Record<string, unknown> }).spec;
    expect(pod).not.to.have.property('enableServiceLinks');
    expect(pod).to.include({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' });
    expect((pod.containers as Record<string, unknown>[])[0]).to.include({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    });
    expect(out.metadata?.generation).to.equal(1);
  });

  it('warns about a name that is no DNS label', async () => {
    const c = ctx();
    await s.main.create(c, { ...deployment('web'), metadata: { name: 'web.v2' } }, undefined, {});
    expect(c.warnings).to.have.length(1);
    expect(c.warnings![0]).to.match(
      /^metadata\.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: \[must not contain dots\]$/,
    );
    const quiet = ctx();
    await s.main.create(quiet, deployment('web-v2'), undefined, {});
    expect(quiet.warnings).to.equal(undefined);
  });

  it('keeps Recreate without a rollingUpdate block and refuses one beside it', async () => {
    const out = await s.main.create(ctx(), deployment('r', { strategy: { type: 'Recreate' } }), undefined, {});
    expect((out.spec as { strategy: unknown }).strategy).to.deep.equal({ type: 'Recreate' });
    const causes = await invalidCauses(s.main.create(ctx(), deployment('r2', { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }), undefined, {}));
    expect(causes).to.deep.equal(["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]);
  });

  it('refuses a selector that does not select the template labels, a missing selector and an empty one', async () => {
    const bad = deployment('web');
    (bad.spec as { selector: unknown }).selector = { matchLabels: { app: 'other' } };
    expect(await invalidCauses(s.main.create(ctx(), bad, undefined, {}))).to.deep.equal([
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
    delete (bad.spec as { selector?: unknown }).selector;
    expect(await invalidCauses(s.main.create(ctx(), bad, undefined, {}))).to.deep.equal(['spec.selector: Required value']);
    (bad.spec as { selector: unknown }).selector = {};
    expect(await invalidCauses(s.main.create(ctx(), bad, undefined, {}))).to.deep.equal(['spec.selector: Invalid value: {}: empty selector is invalid for deployment']);
  });

  it('validates replicas, rolling update bounds, progress deadline and the template restart policy', async () => {
    const bad = deployment('web', {
      replicas: -1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } },
      minReadySeconds: 700,
    });
    (bad.spec as { template: { spec: Record<string, unknown> } }).template.spec.restartPolicy = 'Never';
    expect(await invalidCauses(s.main.create(ctx(), bad, undefined, {}))).to.deep.equal([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
      'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
    ]);
    const pct = deployment('web', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '150%', maxUnavailable: 'x' } } });
    const causes = await invalidCauses(s.main.create(ctx(), pct, undefined, {}));
    // A surge may exceed 100%; only maxUnavailable is bounded.
    expect(causes).to.have.length(1);
    expect(causes[0]).to.match(/^spec\.strategy\.rollingUpdate\.maxUnavailable: Invalid value: "x": a valid percent string/);
    const over = deployment('web', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '101%' } } });
    expect(await invalidCauses(s.main.create(ctx(), over, undefined, {}))).to.deep.equal([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "101%": must not be greater than 100%',
    ]);
    const deadline = deployment('web');
    (deadline.spec as { template: { spec: Record<string, unknown> } }).template.spec.activeDeadlineSeconds = 10;
    expect(await invalidCauses(s.main.create(ctx(), deadline, undefined, {}))).to.deep.equal([
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ]);
  });

  it('bumps generation on spec and annotation changes only, and keeps status on the main resource', async () => {
    await s.main.create(ctx(), deployment('web'), undefined, {});
    let { obj } = await s.main.update(
      ctx(),
      'web',
      modify((o) => (o.metadata!.labels = { tier: 'x' })),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.metadata?.generation).to.equal(1);
    ({ obj } = await s.main.update(
      ctx(),
      'web',
      modify((o) => ((o.spec as { replicas: number }).replicas = 3)),
      undefined,
      undefined,
      false,
      {},
    ));
    expect(obj.metadata?.generation).to.equal(2);
    ({ obj } = await s.main.update(
      ctx(),
      'web',
      modify((o) => (o.metadata!.annotations = { a: 'b' })),
      undefined,
      undefined,
      false,
      {},
    ));
    expect(obj.metadata?.generation).to.equal(3);
    ({ obj } = await s.main.update(
      ctx(),
      'web',
      modify((o) => (o.status = { replicas: 3 })),
      undefined,
      undefined,
      false,
      {},
    ));
    expect(obj.status).to.deep.equal({});
    expect(obj.metadata?.generation).to.equal(3);
  });

  it('a PUT without the defaulted fields does not bump generation', async () => {
    const created = await s.main.create(ctx(), deployment('web'), undefined, {});
    const { obj } = await s.main.update(ctx(), 'web', replaceWith({ ...deployment('web'), metadata: { ...created.metadata } }), undefined, undefined, false, {});
    expect(obj.metadata?.generation).to.equal(1);
  });

  it('refuses a selector change (immutable in apps/v1)', async () => {
    await s.main.create(ctx(), deployment('web'), undefined, {});
    const causes = await invalidCauses(
      s.main.update(
        ctx(),
        'web',
        modify((o) => {
          const spec = o.spec as { selector: unknown; template: { metadata: { labels: Record<string, string> } } };
          spec.selector = { matchLabels: { app: 'web', v: '2' } };
          spec.template.metadata.labels.v = '2';
        }),
        undefined,
        undefined,
        false,
        {},
      ),
    );
    expect(causes).to.deep.equal(['spec.selector: Invalid value: {"matchLabels":{"app":"web","v":"2"}}: field is immutable']);
  });

  it('/status writes status, ignores spec and labels, and validates counts', async () => {
    await s.main.create(ctx(), deployment('web'), undefined, {});
    const { obj } = await s.status.update(
      ctx(),
      'web',
      modify((o) => {
        o.status = { replicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 };
        (o.spec as { replicas: number }).replicas = 9;
        o.metadata!.labels = { sneaky: 'yes' };
      }),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.status).to.deep.equal({ replicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 });
    expect((obj.spec as { replicas: number }).replicas).to.equal(1);
    expect(obj.metadata?.labels).to.equal(undefined);
    expect(obj.metadata?.generation).to.equal(1);
    const causes = await invalidCauses(
      s.status.update(
        ctx(),
        'web',
        modify((o) => (o.status = { replicas: 1, readyReplicas: 2 })),
        undefined,
        undefined,
        false,
        {},
      ),
    );
    expect(causes).to.include('status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas');
    expect('create' in s.status).to.equal(false);
  });

  it('/scale reads and writes spec.replicas as an autoscaling/v1 Scale with the selector', async () => {
    const created = await s.main.create(
      ctx(),
      deployment('web', { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['b', 'a'] }] } }),
      undefined,
      {},
    );
    const scale = await s.scale.get(ctx(), 'web', {});
    expect(scale).to.deep.include({ apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { replicas: 1 }, status: { replicas: 0, selector: 'app=web,tier notin (a,b)' } });
    expect(scale.metadata).to.include({ name: 'web', namespace: 'default', uid: created.metadata?.uid, resourceVersion: created.metadata?.resourceVersion });
    const { obj } = await s.scale.update(
      ctx(),
      'web',
      modify((o) => ((o.spec as { replicas: number }).replicas = 3)),
      undefined,
      undefined,
      false,
      {},
    );
    expect((obj.spec as { replicas: number }).replicas).to.equal(3);
    const parent = await s.main.get(ctx(), 'web', {});
    expect((parent.spec as { replicas: number }).replicas).to.equal(3);
    expect(parent.metadata?.generation).to.equal(2);
    expect(obj.metadata?.resourceVersion).to.equal(parent.metadata?.resourceVersion);
  });

  it('/scale refuses negative replicas, a stale resourceVersion and a missing parent', async () => {
    await s.main.create(ctx(), deployment('web'), undefined, {});
    const causes = await invalidCauses(
      s.scale.update(
        ctx(),
        'web',
        modify((o) => ((o.spec as { replicas: number }).replicas = -1)),
        undefined,
        undefined,
        false,
        {},
      ),
    );
    expect(causes).to.deep.equal(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
    const stale = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'default', resourceVersion: '1' }, spec: { replicas: 2 } };
    await s.scale.update(ctx(), 'web', replaceWith(stale), undefined, undefined, false, {}).then(
      () => expect.fail('expected a conflict'),
      (err) => expect(err.code).to.equal(409),
    );
    await s.scale.update(ctx(), 'nope', replaceWith(stale), undefined, undefined, false, {}).then(
      () => expect.fail('expected NotFound'),
      (err) => expect(err.message).to.equal('deployments.apps "nope" not found'),
    );
  });

  it('prints READY UP-TO-DATE AVAILABLE and the wide columns', async () => {
    const out = await s.main.create(ctx(), deployment('web', { replicas: 2 }), undefined, {});
    const table = await s.main.convertToTable(ctx(), out, {});
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    expect(table.rows[0].cells.slice(0, 4)).to.deep.equal(['web', '0/2', 0, 0]);
    expect(table.rows[0].cells.slice(5)).to.deep.equal(['web', 'nginx:1.27', 'app=web']);
  });
});
