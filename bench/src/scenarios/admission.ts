/**
 * What admission extras cost a create: one kapi and one kube-apiserver (each on the run's etcd under a
 * prefix of its own, so nothing else they serve is affected), three namespaces on each — none selected,
 * one selected by a validating webhook (HTTPS, its own process, started here), one selected by a
 * ValidatingAdmissionPolicy's binding — and the same create load into each, in the interleaved rounds.
 * Both extras refuse objects named `denied-…`: the bench checks they do before it measures, so a figure
 * can never be a path that skipped them.
 */
import { performance } from 'node:perf_hooks';
import { wants } from '../config';
import type { FigureKey } from '../figures';
import type { ClientTLS } from '../load/jobs';
import { configMap } from '../payload';
import { startKapi } from '../processes/kapi-server';
import { startKubeApiserver } from '../processes/kube-apiserver';
import { startWebhook } from '../processes/webhook';
import { apiFetch, loopWindow, type BenchContext } from './context';
import { sharedPKI } from './secure-servers';
import type { BenchServers } from './servers';
import type { ThroughputSubject } from './throughput';

const label = 'kapi-bench-admission';
export const admissionNamespaces = { none: 'bench-adm-none', webhook: 'bench-adm-webhook', policy: 'bench-adm-policy' } as const;
type Extra = keyof typeof admissionNamespaces;

const keys: Record<'kapi' | 'kube', Record<Extra, [FigureKey, FigureKey]>> = {
  kapi: {
    none: ['kapiCreatesNoAdmissionPerSec', 'kapiCpuMsPerCreateNoAdmission'],
    webhook: ['kapiCreatesWithWebhookPerSec', 'kapiCpuMsPerCreateWithWebhook'],
    policy: ['kapiCreatesWithPolicyPerSec', 'kapiCpuMsPerCreateWithPolicy'],
  },
  kube: {
    none: ['kubeCreatesNoAdmissionPerSec', 'kubeCpuMsPerCreateNoAdmission'],
    webhook: ['kubeCreatesWithWebhookPerSec', 'kubeCpuMsPerCreateWithWebhook'],
    policy: ['kubeCreatesWithPolicyPerSec', 'kubeCpuMsPerCreateWithPolicy'],
  },
};
const allKeys = (who: 'kapi' | 'kube') => Object.values(keys[who]).flat();

async function post(url: string, path: string, body: unknown, tls?: ClientTLS): Promise<{ status: number; text: string }> {
  const res = await apiFetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, tls);
  return { status: res.status, text: await res.text() };
}

async function mustCreate(url: string, path: string, body: unknown, tls?: ClientTLS): Promise<void> {
  const r = await post(url, path, body, tls);
  if (r.status !== 201 && r.status !== 409) throw new Error(`POST ${path}: ${r.status} ${r.text.slice(0, 300)}`);
}

/** The namespaces, the webhook configuration and the policy with its binding, on one server. */
async function configure(url: string, webhookUrl: string, caPEM: string, tls?: ClientTLS): Promise<void> {
  for (const [extra, name] of Object.entries(admissionNamespaces)) {
    await mustCreate(url, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { [label]: extra } } }, tls);
  }
  const rules = [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['configmaps'] }];
  await mustCreate(
    url,
    '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations',
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'kapi-bench' },
      webhooks: [
        {
          name: 'configmaps.bench.kapi.dev',
          clientConfig: { url: webhookUrl, caBundle: Buffer.from(caPEM).toString('base64') },
          rules,
          namespaceSelector: { matchLabels: { [label]: 'webhook' } },
          sideEffects: 'None',
          admissionReviewVersions: ['v1'],
          failurePolicy: 'Fail',
          timeoutSeconds: 10,
        },
      ],
    },
    tls,
  );
  await mustCreate(
    url,
    '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies',
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'kapi-bench' },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: { resourceRules: rules },
        validations: [
          {
            expression: "!object.metadata.name.startsWith('denied-') && size(object.data) <= 64",
            message: 'kapi-bench policy refuses names starting with denied- and more than 64 data keys',
          },
        ],
      },
    },
    tls,
  );
  await mustCreate(
    url,
    '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings',
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: 'kapi-bench' },
      spec: { policyName: 'kapi-bench', validationActions: ['Deny'], matchResources: { namespaceSelector: { matchLabels: { [label]: 'policy' } } } },
    },
    tls,
  );
}

/** Waits until a create named denied-… is refused in the webhook's and the policy's namespaces (their informers have them). */
async function waitForEnforcement(who: string, url: string, tls?: ClientTLS, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (const extra of ['webhook', 'policy'] as const) {
    const ns = admissionNamespaces[extra];
    for (let i = 0; ; i++) {
      const r = await post(url, `/api/v1/namespaces/${ns}/configmaps`, configMap(ns, `denied-${Date.now()}-${i}`), tls);
      if (r.status === 400 || r.status === 403 || r.status === 422) break;
      if (performance.now() > deadline) throw new Error(`${who}: the ${extra} still lets denied-… through (${r.status}) ${timeoutMs} ms after it was configured`);
      await new Promise((res) => setTimeout(res, 300));
    }
  }
}

export async function startAdmissionServers(ctx: BenchContext, servers: BenchServers): Promise<void> {
  const kapiWanted = wants(ctx.cfg, ...allKeys('kapi'));
  const kubeWanted = Boolean(ctx.kube?.binary) && wants(ctx.cfg, ...allKeys('kube'));
  if (!kapiWanted && !kubeWanted) return;
  servers.webhook = await startWebhook();
  const { url: webhookUrl, caPEM } = servers.webhook;
  if (kapiWanted) {
    servers.kapiAdmission = await startKapi({
      backend: 'etcd3',
      etcdEndpoint: ctx.etcdEndpoint,
      etcdPrefix: `/bench-admission-${Date.now()}`,
      label: 'etcd-admission',
      cpuProfDir: ctx.cfg.cpuProfDir,
    });
    await configure(servers.kapiAdmission.url, webhookUrl, caPEM);
    await waitForEnforcement('kapi', servers.kapiAdmission.url);
  }
  if (kubeWanted) {
    const pki = await sharedPKI(servers);
    servers.kubeAdmission = await startKubeApiserver({
      binary: ctx.kube!.binary!,
      etcdEndpoint: ctx.etcdEndpoint,
      etcdPrefix: `/kube-bench-admission-${Date.now()}`,
      pki,
      authorizationMode: 'AlwaysAllow',
      label: 'kube-admission',
    });
    await configure(servers.kubeAdmission.url, webhookUrl, caPEM, pki.admin);
    await waitForEnforcement('kube-apiserver', servers.kubeAdmission.url, pki.admin);
    servers.readerTLS ??= pki.reader;
  }
  ctx.log(
    `admission servers: webhook ${webhookUrl}; kapi ${servers.kapiAdmission?.url ?? '-'}, kube-apiserver ${servers.kubeAdmission?.url ?? '-'} refuse denied-… through both extras`,
  );
}

export function admissionSubjects(ctx: BenchContext, servers: BenchServers): ThroughputSubject[] {
  const stamp = Date.now();
  const subjects: ThroughputSubject[] = [];
  const webhookPid = servers.webhook?.pid;
  const add = (who: 'kapi' | 'kube', server: { url: string; pid: number } | undefined, tls?: ClientTLS) => {
    if (!server) return;
    for (const extra of Object.keys(admissionNamespaces) as Extra[]) {
      const [key, cpuKey] = keys[who][extra];
      if (!wants(ctx.cfg, key, cpuKey)) continue;
      subjects.push({
        key,
        label: `${who} creates, admission ${extra}`,
        job: (round) => ({ kind: 'http-creates', url: server.url, namespace: admissionNamespaces[extra], namePrefix: `adm-${who}-${stamp}-${round}`, tls, ...loopWindow(ctx) }),
        pids: { server: server.pid, etcd: ctx.etcdPid, ...(extra === 'webhook' && { webhook: webhookPid }) },
      });
    }
  };
  add('kapi', servers.kapiAdmission);
  if (servers.readerTLS) add('kube', servers.kubeAdmission, servers.readerTLS);
  return subjects;
}

/** CPU per create of each admission figure, from the throughput rounds. */
export function admissionCpuFigures(ctx: BenchContext): void {
  for (const who of ['kapi', 'kube'] as const) {
    for (const [key, cpuKey] of Object.values(keys[who])) {
      ctx.figures[cpuKey] = (ctx.details[key] as { cpuMsPerRequest?: Record<string, number> } | undefined)?.cpuMsPerRequest?.server ?? NaN;
    }
  }
}
