import { isCreater, isStatusError, retrying, type APIGroupInfo } from '@kapi/apiserver-core';

export const legacyTokenTrackingConfigMapName = 'kube-apiserver-legacy-service-account-token-tracking';

/**
 * kube-apiserver's legacy token tracking controller: kube-system/kube-apiserver-legacy-service-account-token-tracking
 * records since when (`since`, a UTC date) the API server tracks the use of legacy service-account token Secrets. The
 * controller-manager's legacy-serviceaccount-token-cleaner reads it before it may clean any token up. Made once; one
 * that exists (another server's, an earlier start's) is kept, as its date must not move.
 */
export async function ensureLegacyTokenTracking(groups: () => ReadonlyMap<string, APIGroupInfo>, now = new Date()): Promise<void> {
  const configmaps = groups().get('')?.versionedResourcesStorageMap.v1?.configmaps;
  if (!configmaps || !isCreater(configmaps)) return;
  await retrying(async () => {
    try {
      await configmaps.create(
        { namespace: 'kube-system' },
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: legacyTokenTrackingConfigMapName, namespace: 'kube-system' },
          data: { since: now.toISOString().slice(0, 10) },
        },
        undefined,
        {},
      );
    } catch (err) {
      if (!(isStatusError(err) && err.reason === 'AlreadyExists')) throw err;
    }
  }, 30_000);
}
