import { isCreater, isGetter, isStatusError, isUpdater, type Creater, type Getter, type Storage, type Updater } from '@kapi/apiserver-core';
import type { ControllerContext, InProcessController } from './controller-context';

/** kube-apiserver's record of when it started tracking legacy token use (pkg/controlplane/controller/legacytokentracking). */
export const legacyTokenTrackingConfigMap = 'kube-apiserver-legacy-service-account-token-tracking';

/** metav1 date labels of the legacy token machinery: "2006-01-02", UTC. */
export const legacyTokenDate = (ms = Date.now()): string => new Date(ms).toISOString().slice(0, 10);

type ConfigMaps = Storage & Getter & Creater & Updater;

/**
 * The legacy token tracking controller every kube-apiserver runs: the ConfigMap above in kube-system
 * holds `since`, the date use of Secret-based tokens started being recorded in their
 * `kubernetes.io/legacy-token-last-used` label. The cleaner only trusts a missing label after that.
 */
export class LegacyTokenTrackingController implements InProcessController {
  private timer?: NodeJS.Timeout;

  constructor(private readonly ctx: ControllerContext) {}

  start(): void {
    void this.ensure();
    // Re-checked so a deleted or broken record comes back, as the controller's informer would notice.
    this.timer = setInterval(() => void this.ensure(), Math.max(1000, this.ctx.timings.kubernetesServiceIntervalMs));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async ensure(): Promise<void> {
    const s = this.ctx.groups.get('')?.versionedResourcesStorageMap.v1?.configmaps;
    if (!s || !isGetter(s) || !isCreater(s) || !isUpdater(s)) return;
    const cms = s as ConfigMaps;
    const ctx = { namespace: 'kube-system' };
    try {
      const cur = await cms.get(ctx, legacyTokenTrackingConfigMap, {}).catch((err) => {
        if (isStatusError(err) && err.code === 404) return undefined;
        throw err;
      });
      if (!cur) {
        await cms.create(
          ctx,
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: legacyTokenTrackingConfigMap, namespace: 'kube-system' }, data: { since: legacyTokenDate() } },
          undefined,
          {},
        );
        return;
      }
      const since = (cur.data as Record<string, string> | undefined)?.since ?? '';
      if (/^\d{4}-\d{2}-\d{2}$/.test(since) && !Number.isNaN(Date.parse(since))) return;
      await cms.update(
        ctx,
        legacyTokenTrackingConfigMap,
        {
          preconditions: () => undefined,
          updatedObject: async (_c, old) => ({ ...structuredClone(old ?? cur), data: { ...((old ?? cur).data as object), since: legacyTokenDate() } }),
        },
        undefined,
        undefined,
        false,
        {},
      );
    } catch {
      // Retried next interval.
    }
  }
}
