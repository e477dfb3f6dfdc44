import { expect } from 'chai';
import { eventually } from '../support/eventually';
import type { LivingCluster } from '../support/living-cluster';

/**
 * The real kube-controller-manager and kube-scheduler, built from the Kubernetes release sources,
 * and kwok's simulated nodes, against `kapi server`: a Deployment made with kubectl comes up, rolls
 * out, rolls back, scales and is garbage-collected exactly as on a kubeadm cluster. The components'
 * logs must show no error they keep repeating: each would be kapi answering them wrongly
 * (tests/living-cluster.test.ts runs these on each storage backend).
 */
export function deploymentScenario(cluster: () => LivingCluster): void {
  const k = (args: string[], input?: string, timeoutMs?: number) => cluster().kubectl(args, input, timeoutMs);

  /** The pods of a selector, as `name phase ready node podIP` lines. */
  const podLines = async (selector: string) =>
    (
      await k([
        'get',
        'pods',
        '-l',
        selector,
        '-o',
        'jsonpath={range .items[*]}{.metadata.name} {.status.phase} {.status.conditions[?(@.type=="Ready")].status} {.spec.nodeName} {.status.podIP}{"\\n"}{end}',
      ])
    )
      .trim()
      .split('\n')
      .filter(Boolean);

  it('kubectl create deployment: 3 pods scheduled on simulated nodes, Running and Ready with IPs; rollout status returns', async () => {
    await k(['create', 'deployment', 'web', '--image=nginx', '--replicas=3']);
    await k(['rollout', 'status', 'deployment/web', '--timeout=90s'], undefined, 100_000);
    const pods = await podLines('app=web');
    // Should a pod not be Ready here, say why: rollout status answers from the Deployment's status
    // (observedGeneration, updated/available replicas), which the controllers derive from the
    // pods' Ready conditions; a node that missed its heartbeat has its pods marked not Ready later.
    const why = async () =>
      [
        await k(['get', 'deployment', 'web', '-o', 'jsonpath={.metadata.generation} {.status}']),
        await k(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.conditions}{"\\n"}{end}']),
        await k(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.conditions[?(@.type=="Ready")]}{"\\n"}{end}']),
      ].join('\n');
    if (pods.length !== 3 || pods.some((p) => !p.includes(' Running True '))) expect.fail(`rollout status returned with pods ${JSON.stringify(pods)}:\n${await why()}`);
    expect(pods).to.have.length(3);
    for (const p of pods) {
      const [, phase, ready, node, ip] = p.split(' ');
      expect(phase, p).to.equal('Running');
      expect(ready, p).to.equal('True');
      expect(cluster().nodes, p).to.include(node);
      expect(ip, p).to.match(/^\d+\.\d+\.\d+\.\d+$/);
    }
    const status = JSON.parse(await k(['get', 'deployment', 'web', '-o', 'jsonpath={.status}']));
    expect(status).to.include({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 });
  });

  it('kubectl set image rolls out a new ReplicaSet; rollout undo rolls back to the first', async () => {
    await k(['set', 'image', 'deployment/web', 'nginx=nginx:1.27']);
    await k(['rollout', 'status', 'deployment/web', '--timeout=90s'], undefined, 100_000);
    const images = async () => (await k(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].spec.containers[0].image}'])).trim().split(' ');
    await eventually(async () => expect(await images()).to.deep.equal(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']), 60_000, 500);
    const history = await k(['rollout', 'history', 'deployment/web']);
    expect(history).to.match(/^1\s/m).and.to.match(/^2\s/m);
    await k(['rollout', 'undo', 'deployment/web']);
    await k(['rollout', 'status', 'deployment/web', '--timeout=90s'], undefined, 100_000);
    await eventually(async () => expect(await images()).to.deep.equal(['nginx', 'nginx', 'nginx']), 60_000, 500);
    const rs = await k(['get', 'rs', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.spec.replicas}{" "}{end}']);
    expect(rs.trim().split(' ').map(Number).sort()).to.deep.equal([0, 3]);
  });

  it('kubectl scale moves the pod count both ways', async () => {
    await k(['scale', 'deployment/web', '--replicas=5']);
    await k(['rollout', 'status', 'deployment/web', '--timeout=90s'], undefined, 100_000);
    await eventually(async () => expect((await podLines('app=web')).filter((l) => l.includes(' Running True '))).to.have.length(5), 60_000, 500);
    await k(['scale', 'deployment/web', '--replicas=2']);
    // Graceful deletion: kwok finishes it, so the pods are gone from the API, not just terminating.
    await eventually(async () => expect(await podLines('app=web')).to.have.length(2), 60_000, 500);
  });

  it('kubectl delete deployment: the garbage collector deletes its ReplicaSets and pods', async () => {
    await k(['delete', 'deployment', 'web']);
    await eventually(
      async () => {
        expect((await k(['get', 'rs', '-l', 'app=web', '-o', 'name'])).trim()).to.equal('');
        expect(await podLines('app=web')).to.deep.equal([]);
      },
      60_000,
      500,
    );
  });

  it('--cascade=orphan leaves the ReplicaSet without an owner; --cascade=foreground deletes the dependents first', async () => {
    await k(['create', 'deployment', 'orphaned', '--image=nginx', '--replicas=1']);
    await k(['rollout', 'status', 'deployment/orphaned', '--timeout=90s'], undefined, 100_000);
    await k(['delete', 'deployment', 'orphaned', '--cascade=orphan', '--wait=true', '--timeout=60s'], undefined, 70_000);
    await eventually(
      async () => {
        const owners = await k(['get', 'rs', '-l', 'app=orphaned', '-o', 'jsonpath={range .items[*]}{.metadata.name}:{.metadata.ownerReferences}{"\\n"}{end}']);
        expect(owners.trim()).to.match(/^orphaned-[a-z0-9]+:$/);
      },
      30_000,
      500,
    );
    expect(await podLines('app=orphaned')).to.have.length(1);
    await k(['delete', 'rs', '-l', 'app=orphaned', '--cascade=foreground', '--wait=true', '--timeout=60s'], undefined, 70_000);
    // Foreground: the ReplicaSet is gone only once its pod is.
    expect(await podLines('app=orphaned')).to.deep.equal([]);
  });
}
