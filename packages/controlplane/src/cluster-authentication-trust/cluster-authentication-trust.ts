import { isUpdater, retrying, type APIGroupInfo, type KObject } from '@kapi/apiserver-core';

export const authenticationConfigMapNamespace = 'kube-system';
export const authenticationConfigMapName = 'extension-apiserver-authentication';

/** What this server trusts for client authentication: --client-ca-file and the --requestheader-* flags. */
export interface ClusterAuthenticationInfo {
  clientCA?: string;
  requestHeaderCA?: string;
  requestHeaderAllowedNames?: string[];
  requestHeaderUsernameHeaders?: string[];
  requestHeaderUIDHeaders?: string[];
  requestHeaderGroupHeaders?: string[];
  requestHeaderExtraHeaderPrefixes?: string[];
}

/**
 * kube-apiserver's cluster authentication trust controller: publishes the client CA and the
 * front-proxy header settings in kube-system/extension-apiserver-authentication, where every
 * component that delegates authentication to the API server (kube-controller-manager,
 * kube-scheduler, aggregated API servers) reads which client certificates to believe. What is
 * there already is combined with this server's, as several API servers share one configmap.
 * Written through the configmaps storage (strategy, defaults, watch), re-checked every minute so
 * that a deleted or edited configmap comes back, as the controller's resync does.
 */
export class ClusterAuthenticationTrustController {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly groups: () => ReadonlyMap<string, APIGroupInfo>,
    private readonly required: ClusterAuthenticationInfo,
    private readonly resyncMs = 60_000,
  ) {}

  async start(): Promise<void> {
    // Storage and the system namespaces settle during start-up: retry as kube's hooks poll.
    await retrying(() => this.sync(), 30_000);
    this.timer = setInterval(() => void this.sync().catch(() => undefined), this.resyncMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async sync(): Promise<void> {
    const configmaps = this.groups().get('')?.versionedResourcesStorageMap.v1?.configmaps;
    if (!configmaps || !isUpdater(configmaps)) return;
    const ctx = { namespace: authenticationConfigMapNamespace };
    await configmaps.update(
      ctx,
      authenticationConfigMapName,
      {
        preconditions: () => undefined,
        updatedObject: async (_ctx, old) => {
          const data = configMapDataFor(combine(authenticationInfoFrom(old?.data as Record<string, string> | undefined), this.required));
          const base: KObject = old ?? { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: authenticationConfigMapName, namespace: authenticationConfigMapNamespace } };
          return { ...base, data };
        },
      },
      undefined,
      undefined,
      true,
      {},
    );
  }
}

/** getClusterAuthenticationInfoFor: the published info read back from the configmap's data. */
export function authenticationInfoFrom(data: Record<string, string> = {}): ClusterAuthenticationInfo {
  const list = (key: string): string[] | undefined => {
    if (!data[key]) return undefined;
    const v = JSON.parse(data[key]) as unknown;
    return Array.isArray(v) ? v.map(String) : undefined;
  };
  return {
    clientCA: data['client-ca-file'],
    requestHeaderCA: data['requestheader-client-ca-file'],
    requestHeaderAllowedNames: list('requestheader-allowed-names'),
    requestHeaderUsernameHeaders: list('requestheader-username-headers'),
    requestHeaderUIDHeaders: list('requestheader-uid-headers'),
    requestHeaderGroupHeaders: list('requestheader-group-headers'),
    requestHeaderExtraHeaderPrefixes: list('requestheader-extra-headers-prefix'),
  };
}

/** combinedClusterAuthenticationInfo: the union of two, certificates and names kept once each, in order. */
export function combine(a: ClusterAuthenticationInfo, b: ClusterAuthenticationInfo): ClusterAuthenticationInfo {
  const names = (x?: string[], y?: string[]) => [...new Set([...(x ?? []), ...(y ?? [])])];
  return {
    clientCA: combineCertificates(a.clientCA, b.clientCA),
    requestHeaderCA: combineCertificates(a.requestHeaderCA, b.requestHeaderCA),
    requestHeaderAllowedNames: names(a.requestHeaderAllowedNames, b.requestHeaderAllowedNames),
    requestHeaderUsernameHeaders: names(a.requestHeaderUsernameHeaders, b.requestHeaderUsernameHeaders),
    requestHeaderUIDHeaders: names(a.requestHeaderUIDHeaders, b.requestHeaderUIDHeaders),
    requestHeaderGroupHeaders: names(a.requestHeaderGroupHeaders, b.requestHeaderGroupHeaders),
    requestHeaderExtraHeaderPrefixes: names(a.requestHeaderExtraHeaderPrefixes, b.requestHeaderExtraHeaderPrefixes),
  };
}

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** combineCertLists: the PEM certificates of both bundles, each once. */
export function combineCertificates(a?: string, b?: string): string | undefined {
  const blocks = [...new Set([...(a ?? '').matchAll(pemBlock), ...(b ?? '').matchAll(pemBlock)].map((m) => m[0]))];
  return blocks.length ? `${blocks.join('\n')}\n` : undefined;
}

/** getConfigMapDataFor: the request-header keys only when a front-proxy CA is trusted, as kube writes them. */
export function configMapDataFor(info: ClusterAuthenticationInfo): Record<string, string> {
  const data: Record<string, string> = {};
  if (info.clientCA) data['client-ca-file'] = info.clientCA;
  if (!info.requestHeaderCA) return data;
  data['requestheader-username-headers'] = JSON.stringify(info.requestHeaderUsernameHeaders ?? []);
  if (info.requestHeaderUIDHeaders?.length) data['requestheader-uid-headers'] = JSON.stringify(info.requestHeaderUIDHeaders);
  data['requestheader-group-headers'] = JSON.stringify(info.requestHeaderGroupHeaders ?? []);
  data['requestheader-extra-headers-prefix'] = JSON.stringify(info.requestHeaderExtraHeaderPrefixes ?? []);
  data['requestheader-client-ca-file'] = info.requestHeaderCA;
  data['requestheader-allowed-names'] = JSON.stringify(info.requestHeaderAllowedNames ?? []);
  return data;
}
