import {
  FieldSelector,
  isGetter,
  isGracefulDeleter,
  isLister,
  isStatusError,
  isUpdater,
  LabelSelector,
  type Getter,
  type GracefulDeleter,
  type KObject,
  type Lister,
  type Storage,
  type Updater,
} from '@kapi/apiserver-core';
import { legacyTokenInvalidSinceLabel, legacyTokenLastUsedLabel } from '@kapi/registry-core';
import type { ControllerContext, InProcessController } from './controller-context';
import { legacyTokenDate, legacyTokenTrackingConfigMap } from './legacy-token-tracking-controller';

type Store = Storage & Getter & Lister & Updater & GracefulDeleter;
const everything = () => ({ labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() });
const isDate = (s: string | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

/** The names of the Secrets a pod uses: volumes, projected sources, env, envFrom and image pull secrets. */
function secretsOfPod(pod: KObject): Set<string> {
  const out = new Set<string>();
  const spec = (pod.spec ?? {}) as {
    volumes?: { secret?: { secretName?: string }; projected?: { sources?: { secret?: { name?: string } }[] } }[];
    imagePullSecrets?: { name?: string }[];
    containers?: { env?: { valueFrom?: { secretKeyRef?: { name?: string } } }[]; envFrom?: { secretRef?: { name?: string } }[] }[];
    initContainers?: { env?: { valueFrom?: { secretKeyRef?: { name?: string } } }[]; envFrom?: { secretRef?: { name?: string } }[] }[];
  };
  const add = (n?: string) => n && out.add(n);
  for (const v of spec.volumes ?? []) {
    add(v.secret?.secretName);
    for (const src of v.projected?.sources ?? []) add(src.secret?.name);
  }
  for (const s of spec.imagePullSecrets ?? []) add(s.name);
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const e of c.env ?? []) add(e.valueFrom?.secretKeyRef?.name);
    for (const e of c.envFrom ?? []) add(e.secretRef?.name);
  }
  return out;
}

/**
 * kube-controller-manager's legacy-serviceaccount-token-cleaner (pkg/controller/serviceaccount): an
 * auto-generated ServiceAccount token Secret (one its ServiceAccount lists) created and last used before
 * the clean-up period, and used by no pod, is first labelled `kubernetes.io/legacy-token-invalid-since`
 * (the authenticator then refuses it), and deleted once that label is itself older than the period.
 * Nothing happens before tracking has covered a whole period (the tracking ConfigMap's `since`).
 */
export class LegacyServiceAccountTokenCleaner implements InProcessController {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(private readonly ctx: ControllerContext) {}

  start(): void {
    this.timer = setInterval(() => void this.evaluate(), this.ctx.timings.legacyTokenCleanerSyncMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private store(resource: string): Store | undefined {
    const s = this.ctx.groups.get('')?.versionedResourcesStorageMap.v1?.[resource];
    return s && isGetter(s) && isLister(s) && isUpdater(s) && isGracefulDeleter(s) ? (s as Store) : undefined;
  }

  /** evaluateSATokens: one pass over every Secret. */
  async evaluate(): Promise<void> {
    const [secrets, accounts, pods, configMaps] = [this.store('secrets'), this.store('serviceaccounts'), this.store('pods'), this.store('configmaps')];
    if (this.running || !secrets || !accounts || !pods || !configMaps) return;
    this.running = true;
    try {
      const now = Date.now();
      const period = this.ctx.timings.legacyTokenCleanUpPeriodMs;
      const tracking = await configMaps.get({ namespace: 'kube-system' }, legacyTokenTrackingConfigMap, {}).catch(() => undefined);
      const since = (tracking?.data as Record<string, string> | undefined)?.since;
      // Until tracking covered a whole period, an unlabelled token may have been used unseen.
      if (!isDate(since) || Date.parse(since) >= now - period) return;
      const preserveUsedOnOrAfter = legacyTokenDate(now - period);
      for (const secret of (await secrets.list({}, everything())).items) {
        await this.evaluateSecret(secret, { secrets, accounts, pods }, now, period, preserveUsedOnOrAfter).catch(() => undefined);
      }
    } finally {
      this.running = false;
    }
  }

  private async evaluateSecret(secret: KObject, s: { secrets: Store; accounts: Store; pods: Store }, now: number, period: number, preserveUsedOnOrAfter: string): Promise<void> {
    const m = secret.metadata ?? {};
    const ns = m.namespace ?? '';
    if (secret.type !== 'kubernetes.io/service-account-token' || m.deletionTimestamp) return;
    if (Date.parse(String(m.creationTimestamp)) >= now - period) return;
    const lastUsed = m.labels?.[legacyTokenLastUsedLabel];
    if (lastUsed !== undefined && (!isDate(lastUsed) || lastUsed >= preserveUsedOnOrAfter)) return;
    // Only auto-generated tokens: the ones their ServiceAccount lists.
    const saName = m.annotations?.['kubernetes.io/service-account.name'] ?? '';
    const sa = await s.accounts.get({ namespace: ns }, saName, {}).catch(() => undefined);
    if (!((sa?.secrets as { name?: string }[] | undefined) ?? []).some((r) => r.name === m.name)) return;
    for (const pod of (await s.pods.list({ namespace: ns }, everything())).items) if (secretsOfPod(pod).has(m.name ?? '')) return;
    const invalidSince = m.labels?.[legacyTokenInvalidSinceLabel];
    if (!isDate(invalidSince)) {
      await s.secrets.update(
        { namespace: ns },
        m.name!,
        {
          preconditions: () => ({ uid: m.uid }),
          updatedObject: async (_c, old) => {
            const next = structuredClone(old ?? secret);
            next.metadata = { ...next.metadata, labels: { ...next.metadata?.labels, [legacyTokenInvalidSinceLabel]: legacyTokenDate(now) } };
            return next;
          },
        },
        undefined,
        undefined,
        false,
        {},
      );
      return;
    }
    if (invalidSince >= preserveUsedOnOrAfter) return;
    await s.secrets.delete({ namespace: ns }, m.name!, undefined, { preconditions: { resourceVersion: m.resourceVersion } }).catch((err) => {
      if (!(isStatusError(err) && (err.code === 404 || err.code === 409))) throw err;
    });
  }
}
