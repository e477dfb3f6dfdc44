import { readFileSync } from 'node:fs';
import { isCreater, isGetter, isUpdater, type APIGroupInfo, type KObject, type RequestHeaderFlags } from '@kapi/apiserver-core';

export const extensionAuthenticationConfigMap = 'extension-apiserver-authentication';

/**
 * The data of kube-system/extension-apiserver-authentication as kube-apiserver publishes it
 * (controlplane's ClusterAuthenticationInfo): the client CA, and the front proxy's CA and headers
 * as JSON lists, which extension servers read to trust the aggregator.
 */
export function authenticationInfoData(clientCA: string | undefined, requestHeader: Partial<RequestHeaderFlags> | undefined): Record<string, string> {
  const data: Record<string, string> = {};
  if (clientCA) data['client-ca-file'] = clientCA;
  if (requestHeader?.clientCAFile) {
    data['requestheader-client-ca-file'] = readFileSync(requestHeader.clientCAFile, 'utf8');
    data['requestheader-allowed-names'] = JSON.stringify(requestHeader.allowedNames ?? []);
    data['requestheader-extra-headers-prefix'] = JSON.stringify(requestHeader.extraHeaderPrefixes ?? []);
    data['requestheader-group-headers'] = JSON.stringify(requestHeader.groupHeaders ?? []);
    data['requestheader-username-headers'] = JSON.stringify(requestHeader.usernameHeaders ?? []);
    if (requestHeader.uidHeaders?.length) data['requestheader-uid-headers'] = JSON.stringify(requestHeader.uidHeaders);
  }
  return data;
}

/** Writes the ConfigMap (post-start: kube-system exists by then), creating or replacing its data. */
export async function publishAuthenticationInfo(groups: ReadonlyMap<string, APIGroupInfo>, data: Record<string, string>): Promise<void> {
  const configMaps = groups.get('')?.versionedResourcesStorageMap.v1?.configmaps;
  if (!configMaps || !isGetter(configMaps) || !isCreater(configMaps) || !isUpdater(configMaps)) return;
  const ctx = { namespace: 'kube-system' };
  const existing = await configMaps.get(ctx, extensionAuthenticationConfigMap, {}).catch(() => undefined);
  if (!existing) {
    const obj: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: extensionAuthenticationConfigMap, namespace: 'kube-system' }, data };
    await configMaps.create(ctx, obj, undefined, {});
    return;
  }
  await configMaps.update(ctx, extensionAuthenticationConfigMap, {
    preconditions: () => undefined,
    updatedObject: async (_ctx, old) => ({ ...(structuredClone(old ?? existing) as KObject), data }),
  }, undefined, undefined, false, {});
}
