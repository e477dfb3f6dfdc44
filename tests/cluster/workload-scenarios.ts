import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { eventually } from '../support/eventually';
import type { LivingCluster } from '../support/living-cluster';
import { kubectl } from '../support/kubectl';
import { testPKI } from '../support/test-pki';

/**
 * The other workload controllers of the real kube-controller-manager against kapi: CSR signing,
 * CronJobs, Jobs, StatefulSets, DaemonSets, Services' Endpoints and EndpointSlices, and `kubectl
 * drain` through the eviction API and a PDB. Needs at least 2 simulated nodes.
 */
export function workloadScenarios(cluster: () => LivingCluster): void {
  const k = (args: string[], input?: string, timeoutMs?: number) => cluster().kubectl(args, input, timeoutMs);
  const jsonpath = async (args: string[], path: string) => (await k([...args, '-o', `jsonpath=${path}`])).trim();

  it('a CSR approved with kubectl is signed by the controller-manager with the cluster CA (csrsigning)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kapi-csr-'));
    execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-subj', '/CN=alice/O=dev', '-out', path.join(dir, 'csr.pem')], {
      stdio: 'ignore',
    });
    const request = readFileSync(path.join(dir, 'csr.pem')).toString('base64');
    rmSync(dir, { recursive: true, force: true });
    await k(
      ['create', '-f', '-'],
      JSON.stringify({
        apiVersion: 'certificates.k8s.io/v1',
        kind: 'CertificateSigningRequest',
        metadata: { name: 'alice' },
        spec: { request, signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], expirationSeconds: 3600 },
      }),
    );
    await k(['certificate', 'approve', 'alice']);
    const issued = await eventually(
      async () => {
        const c = await jsonpath(['get', 'csr', 'alice'], '{.status.certificate}');
        if (!c) throw new Error('not signed yet');
        return Buffer.from(c, 'base64').toString();
      },
      60_000,
      500,
    );
    const cert = new X509Certificate(issued);
    expect(cert.subject).to.include('CN=alice');
    expect(cert.verify(new X509Certificate((await testPKI()).ca.certPEM).publicKey)).to.equal(true);
  });

  it('a Job runs its pods to completion and is Complete', async () => {
    await k(['create', 'job', 'pi', '--image=perl', '--', 'perl', '-e', 'print 1']);
    await k(['wait', '--for=condition=Complete', 'job/pi', '--timeout=90s'], undefined, 100_000);
    expect(await jsonpath(['get', 'job', 'pi'], '{.status.succeeded}')).to.equal('1');
    expect(await jsonpath(['get', 'pods', '-l', 'job-name=pi'], '{.items[*].status.phase}')).to.equal('Succeeded');
  });

  it('a StatefulSet brings its pods up in order, each Ready before the next is created', async () => {
    await k(
      ['create', '-f', '-'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'db' },
        spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] },
      }),
    );
    await k(
      ['create', '-f', '-'],
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: {
          serviceName: 'db',
          replicas: 3,
          selector: { matchLabels: { app: 'db' } },
          template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } },
        },
      }),
    );
    await k(['rollout', 'status', 'statefulset/db', '--timeout=90s'], undefined, 100_000);
    const pods = (
      await jsonpath(
        ['get', 'pods', '-l', 'app=db', '--sort-by=.metadata.creationTimestamp'],
        '{range .items[*]}{.metadata.name} {.status.phase} {.status.conditions[?(@.type=="Ready")].lastTransitionTime}{"\\n"}{end}',
      )
    )
      .split('\n')
      .map((l) => l.split(' '));
    expect(pods.map((p) => p[0])).to.deep.equal(['db-0', 'db-1', 'db-2']);
    expect(pods.map((p) => p[1])).to.deep.equal(['Running', 'Running', 'Running']);
    // OrderedReady: db-N is created only after db-(N-1) became Ready.
    const created = await jsonpath(['get', 'pods', '-l', 'app=db', '--sort-by=.metadata.creationTimestamp'], '{.items[*].metadata.creationTimestamp}');
    // Both to the second: metav1.Time is serialized in whole seconds.
    const seconds = (t: string) => Math.floor(Date.parse(t) / 1000);
    const c = created.split(' ').map(seconds);
    const ready = pods.map((p) => seconds(p[2]));
    expect(c[1]).to.be.at.least(ready[0]);
    expect(c[2]).to.be.at.least(ready[1]);
  });

  it('a DaemonSet puts one Running pod on every simulated node', async () => {
    await k(
      ['create', '-f', '-'],
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox' }] } },
        },
      }),
    );
    await k(['rollout', 'status', 'daemonset/agent', '--timeout=90s'], undefined, 100_000);
    const nodes = (await jsonpath(['get', 'pods', '-l', 'app=agent'], '{.items[*].spec.nodeName}')).split(' ').sort();
    expect(nodes).to.deep.equal([...cluster().nodes].sort());
  });

  it("a Service gets Endpoints and an EndpointSlice with the Ready pods' IPs", async () => {
    await k(['create', 'deployment', 'api', '--image=nginx', '--replicas=2', '--port=80']);
    await k(['expose', 'deployment', 'api', '--port=80']);
    await k(['rollout', 'status', 'deployment/api', '--timeout=90s'], undefined, 100_000);
    const podIPs = (await jsonpath(['get', 'pods', '-l', 'app=api'], '{.items[*].status.podIP}')).split(' ').sort();
    expect(podIPs).to.have.length(2);
    await eventually(
      async () => {
        const endpoints = (await jsonpath(['get', 'endpoints', 'api'], '{.subsets[*].addresses[*].ip}')).split(' ').sort();
        expect(endpoints).to.deep.equal(podIPs);
        const sliced = (await jsonpath(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=api'], '{.items[*].endpoints[*].addresses[0]}')).split(' ').sort();
        expect(sliced).to.deep.equal(podIPs);
      },
      60_000,
      500,
    );
  });

  it('kubectl drain evicts through the eviction API and stops where a PodDisruptionBudget would be broken', async () => {
    await k(['create', 'deployment', 'guarded', '--image=nginx', '--replicas=2']);
    await k(['rollout', 'status', 'deployment/guarded', '--timeout=90s'], undefined, 100_000);
    await k(['create', 'pdb', 'guarded', '--selector=app=guarded', '--min-available=2']);
    await eventually(async () => expect(await jsonpath(['get', 'pdb', 'guarded'], '{.status.currentHealthy}/{.status.disruptionsAllowed}')).to.equal('2/0'), 60_000, 500);
    const node = await jsonpath(['get', 'pods', '-l', 'app=guarded'], '{.items[0].spec.nodeName}');
    // The budget allows no disruption: drain keeps retrying the eviction (429) until its timeout.
    const blocked = await kubectl(cluster().url, ['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--pod-selector=app=guarded', '--timeout=5s'], {
      timeoutMs: 30_000,
    });
    expect(blocked.code).to.not.equal(0);
    expect(blocked.stderr + blocked.stdout).to.match(/disruption budget/);
    expect(await jsonpath(['get', 'node', node], '{.spec.unschedulable}')).to.equal('true');
    // With room in the budget the same drain evicts; the replacement lands on another node.
    await k(['patch', 'pdb', 'guarded', '--type=merge', '-p', '{"spec":{"minAvailable":1}}']);
    await eventually(async () => expect(await jsonpath(['get', 'pdb', 'guarded'], '{.status.disruptionsAllowed}')).to.not.equal('0'), 60_000, 500);
    await k(['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--pod-selector=app=guarded', '--timeout=60s'], undefined, 70_000);
    await eventually(
      async () => {
        const placed = (await jsonpath(['get', 'pods', '-l', 'app=guarded', '--field-selector=status.phase=Running'], '{.items[*].spec.nodeName}')).split(' ').filter(Boolean);
        expect(placed).to.have.length(2);
        expect(placed).to.not.include(node);
      },
      60_000,
      500,
    );
    await k(['uncordon', node]);
  });
}

/**
 * A CronJob scheduled every minute creates a Job. The schedule's next minute is up to 60 s away, so
 * the CronJob is created first (`cronJobCreated`) and its Job looked for after the other scenarios
 * (`cronJobRan`): the wait overlaps them instead of adding to the run.
 */
export function cronJobCreated(cluster: () => LivingCluster): void {
  it('a CronJob scheduled every minute is created', async () => {
    await cluster().kubectl(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/1 * * * *']);
  });
}

export function cronJobRan(cluster: () => LivingCluster): void {
  it('the CronJob scheduled every minute has created a Job', async () => {
    const job = await eventually(
      async () => {
        const owned = (
          await cluster().kubectl([
            'get',
            'jobs',
            '-o',
            'jsonpath={range .items[*]}{.metadata.name}:{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}{"\\n"}{end}',
          ])
        ).trim();
        const line = owned.split('\n').find((l) => l.endsWith(':CronJob/tick'));
        if (!line) throw new Error(`no Job of the CronJob yet: ${owned}`);
        return line.split(':')[0];
      },
      75_000,
      1000,
    );
    expect(job).to.match(/^tick-\d+$/);
  });
}
