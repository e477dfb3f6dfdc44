import { expect } from 'chai';
import { eventually } from '../support/eventually';
import type { Json } from '../support/http';
import type { LivingCluster } from '../support/living-cluster';
import { kubectl } from '../support/kubectl';

/**
 * The lifecycle of objects as a whole cluster drives it, with kube-controller-manager's namespace,
 * resourcequota and serviceaccount controllers (kapi's own are off in the living cluster, as
 * kube-apiserver's are in kubeadm): a namespace holding objects of every group is deleted
 * completely; a ResourceQuota is enforced by kapi's admission and its usage kept by the controller;
 * a pod's graceful deletion is finished by the simulated kubelet; kapi's own kubernetes service
 * controller brings the `kubernetes` Service back.
 */

const ns = 'doomed';
const crdGroup = 'living.kapi.dev';

/** One object of each namespaced kind worth listing, at least one per group kapi serves namespaced resources in. */
function objectsOfEveryGroup(): Json[] {
  const meta = (name: string, extra: Json = {}) => ({ name, namespace: ns, ...extra });
  // The namespace controller waits out its pods' grace period before it looks again (kube's estimate):
  // one second here, not 30 — the graceful-deletion scenario covers the grace period itself.
  const podTemplate = { metadata: { labels: { app: 'doomed' } }, spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'nginx' }] } };
  const jobTemplate = { spec: { template: { spec: { terminationGracePeriodSeconds: 1, restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } };
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cm'), data: { a: 'b' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: meta('secret'), stringData: { a: 'b' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('robot') },
    { apiVersion: 'v1', kind: 'Service', metadata: meta('svc'), spec: { selector: { app: 'doomed' }, ports: [{ port: 80 }] } },
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('claim'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    { apiVersion: 'v1', kind: 'LimitRange', metadata: meta('limits'), spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '10m' } }] } },
    { apiVersion: 'v1', kind: 'PodTemplate', metadata: meta('template'), template: podTemplate },
    {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: meta('rc'),
      spec: { replicas: 1, selector: { app: 'rc' }, template: { ...podTemplate, metadata: { labels: { app: 'rc' } } } },
    },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('deploy'), spec: { replicas: 2, selector: { matchLabels: { app: 'doomed' } }, template: podTemplate } },
    { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('job'), spec: jobTemplate.spec },
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('cron'), spec: { schedule: '0 0 1 1 *', jobTemplate } },
    // Scaled to zero, the HPA's target disables autoscaling: without a metrics API the controller would otherwise fail every pass.
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('idle'),
      spec: { replicas: 0, selector: { matchLabels: { app: 'idle' } }, template: { ...podTemplate, metadata: { labels: { app: 'idle' } } } },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta('hpa'),
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'idle' }, minReplicas: 1, maxReplicas: 3 },
    },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('pdb'), spec: { minAvailable: 1, selector: { matchLabels: { app: 'doomed' } } } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('role'), rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta('binding'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'role' },
      subjects: [{ kind: 'ServiceAccount', name: 'robot', namespace: ns }],
    },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('deny'), spec: { podSelector: {}, policyTypes: ['Ingress'] } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('ingress'), spec: { defaultBackend: { service: { name: 'svc', port: { number: 80 } } } } },
    { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: meta('lease'), spec: { holderIdentity: 'someone' } },
    { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta('slice'), addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.9'] }], ports: [{ port: 80 }] },
    {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: meta('event'),
      eventTime: new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'),
      reportingController: 'living.kapi.dev/test',
      reportingInstance: 'test',
      action: 'Test',
      reason: 'Testing',
      type: 'Normal',
      regarding: { kind: 'Pod', name: 'none', namespace: ns },
    },
    { apiVersion: 'storage.k8s.io/v1', kind: 'CSIStorageCapacity', metadata: meta('capacity'), storageClassName: 'standard', capacity: '1Gi' },
    { apiVersion: `${crdGroup}/v1`, kind: 'Gadget', metadata: meta('gadget'), spec: { size: 1 } },
  ];
}

const gadgetCRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `gadgets.${crdGroup}` },
  spec: {
    group: crdGroup,
    scope: 'Namespaced',
    names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } },
      },
    ],
  },
};

export function namespaceDeletionScenario(cluster: () => LivingCluster): void {
  const k = (args: string[], input?: string, timeoutMs?: number) => cluster().kubectl(args, input, timeoutMs);

  it("a namespace holding objects of every group is deleted completely by the controller-manager's namespace controller", async () => {
    await k(['create', '-f', '-'], JSON.stringify(gadgetCRD));
    await k(['wait', '--for=condition=Established', `crd/gadgets.${crdGroup}`, '--timeout=30s'], undefined, 40_000);
    await k(['create', 'namespace', ns]);
    const objects = objectsOfEveryGroup();
    // A CRD's group reaches discovery a moment after it is Established.
    await eventually(() => k(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects })), 30_000, 500);
    // Every group that serves a namespaced resource one can create, list and delete has an object here.
    const resources = (await k(['api-resources', '--namespaced=true', '--verbs=create,list,delete', '-o', 'name'])).trim().split('\n');
    const groupOf = (r: string) => r.split('.').slice(1).join('.');
    const covered = new Set(objects.map((o) => (o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '')));
    expect([...new Set(resources.map(groupOf))].filter((g) => !covered.has(g))).to.deep.equal([]);
    // The Deployment's and Job's pods exist before the namespace goes (the controllers run in it).
    await eventually(async () => expect((await k(['get', 'pods', '-n', ns, '-o', 'name'])).trim().split('\n').filter(Boolean).length).to.be.at.least(3), 60_000, 500);

    await k(['delete', 'namespace', ns, '--timeout=120s'], undefined, 130_000);
    const gone = await kubectl(cluster().url, ['get', 'namespace', ns]);
    expect(gone.stderr).to.include(`namespaces "${ns}" not found`);
    // Nothing of any resource is left behind in storage under the namespace's name.
    const left = await k(['get', resources.join(','), '-n', ns, '-o', 'name', '--ignore-not-found']);
    expect(left.trim()).to.equal('');
    await k(['delete', 'crd', `gadgets.${crdGroup}`]);
  });
}

export function resourceQuotaScenario(cluster: () => LivingCluster): void {
  const k = (args: string[], input?: string, timeoutMs?: number) => cluster().kubectl(args, input, timeoutMs);
  const used = async () => (await k(['get', 'quota', 'pods', '-n', 'quota', '-o', 'jsonpath={.status.used.pods}'])).trim();

  it("a ResourceQuota is enforced at admission and its status.used kept by the controller-manager's resourcequota controller", async () => {
    await k(['create', 'namespace', 'quota']);
    await k(['create', 'quota', 'pods', '-n', 'quota', '--hard=pods=2,count/configmaps=10']);
    // Before any write is charged: only the controller computes usage (kapi's admission recomputes on charged writes).
    await eventually(async () => expect(await used()).to.equal('0'), 30_000, 500);
    await k(['run', 'a', '-n', 'quota', '--image=nginx']);
    await k(['run', 'b', '-n', 'quota', '--image=nginx']);
    const refused = await kubectl(cluster().url, ['run', 'c', '-n', 'quota', '--image=nginx']);
    expect(refused.code).to.not.equal(0);
    expect(refused.stderr.trim()).to.equal('Error from server (Forbidden): pods "c" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2');
    await eventually(async () => expect(await used()).to.equal('2'), 30_000, 500);
    // A pod deleted (gracefully: the simulated kubelet finishes it) frees its share, and the controller says so.
    await k(['delete', 'pod', 'a', '-n', 'quota', '--timeout=60s'], undefined, 70_000);
    await eventually(async () => expect(await used()).to.equal('1'), 30_000, 500);
    await k(['run', 'c', '-n', 'quota', '--image=nginx']);
    await k(['delete', 'namespace', 'quota', '--wait=false']);
  });
}

export function gracefulDeletionScenario(cluster: () => LivingCluster): void {
  const k = (args: string[], input?: string, timeoutMs?: number) => cluster().kubectl(args, input, timeoutMs);

  it('a Running pod is deleted gracefully: it is marked with its grace period, and gone once the simulated kubelet confirms', async () => {
    await k(['run', 'graceful', '--image=nginx']);
    await k(['wait', '--for=condition=Ready', 'pod/graceful', '--timeout=60s'], undefined, 70_000);
    const rv = (await k(['get', 'pod', 'graceful', '-o', 'jsonpath={.metadata.resourceVersion}'])).trim();
    const watch = await fetch(`${cluster().url}/api/v1/namespaces/default/pods?watch=1&fieldSelector=metadata.name%3Dgraceful&resourceVersion=${rv}`);
    const seen: Array<{ type: string; object: Json }> = [];
    const read = (async () => {
      const decoder = new TextDecoder();
      let buf = '';
      for await (const chunk of watch.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line.trim()) seen.push(JSON.parse(line));
          if (seen.at(-1)?.type === 'DELETED') return;
        }
      }
    })();
    // kubectl delete waits until the pod is gone from the API.
    await k(['delete', 'pod', 'graceful', '--timeout=60s'], undefined, 70_000);
    await Promise.race([read, new Promise((_, reject) => setTimeout(() => reject(new Error(`no DELETED event: ${JSON.stringify(seen.map((e) => e.type))}`)), 10_000))]);
    const marked = seen.find((e) => e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp);
    expect(marked, JSON.stringify(seen.map((e) => e.type))).to.not.equal(undefined);
    expect(marked!.object.metadata.deletionGracePeriodSeconds).to.equal(30);
    expect(seen.at(-1)!.type).to.equal('DELETED');
  });
}

/**
 * kapi's kubernetes service controller re-creates a deleted `kubernetes` Service at its next pass
 * (every 10 s, as kube-apiserver's). Deleted first (`kubernetesServiceDeleted`) and looked for later
 * (`kubernetesServiceBack`), so the wait overlaps other scenarios.
 */
export function kubernetesServiceDeleted(cluster: () => LivingCluster, clusterIP: { value?: string }): void {
  it('kubectl delete svc kubernetes', async () => {
    clusterIP.value = (await cluster().kubectl(['get', 'svc', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP}'])).trim();
    expect(clusterIP.value).to.match(/^\d+\.\d+\.\d+\.\d+$/);
    await cluster().kubectl(['delete', 'svc', 'kubernetes']);
  });
}

export function kubernetesServiceBack(cluster: () => LivingCluster, clusterIP: { value?: string }): void {
  it('the kubernetes Service has come back with its ClusterIP, Endpoints and EndpointSlice', async () => {
    await eventually(
      async () => {
        expect((await cluster().kubectl(['get', 'svc', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP}'])).trim()).to.equal(clusterIP.value);
        expect((await cluster().kubectl(['get', 'endpoints', 'kubernetes', '-o', 'jsonpath={.subsets[0].ports[0].name}'])).trim()).to.equal('https');
        expect((await cluster().kubectl(['get', 'endpointslice', 'kubernetes', '-o', 'jsonpath={.endpoints[0].addresses[0]}'])).trim()).to.match(/^\d+\.\d+\.\d+\.\d+$/);
      },
      30_000,
      1000,
    );
  });
}
