import { isDeepStrictEqual } from 'node:util';
import type { APIResource, DiscoveryState, RemoteOpenAPI } from '@kapi/apiserver-core';
import { isLocal, type APIService } from '../apis/apiservice/types';
import type { APIServiceCache } from '../apiservice-cache';
import { getFromService } from '../proxy/service-client';
import type { ProxyTransport } from '../proxy/proxy-transport';
import type { AvailabilityResult } from '../status/available-controller';

interface Published {
  group: string;
  version: string;
  resources: APIResource[];
  openAPI: RemoteOpenAPI;
}

/** kube-like version order inside a group: versionPriority first (higher first), then the name. */
const byPriority = (a: APIService, b: APIService) =>
  (b.spec?.versionPriority ?? 0) - (a.spec?.versionPriority ?? 0) || (a.spec?.version ?? '').localeCompare(b.spec?.version ?? '');

/**
 * Discovery and OpenAPI of remote APIServices, merged into this server's (the aggregator's discovery
 * manager and OpenAPI aggregation controllers): each passing availability check brings the
 * group-version's resources, and when they changed its OpenAPI v3 and v2 are fetched again. A server
 * that goes away keeps its last documents (clients then see 503 on its paths, as with kube); an
 * APIService deleted or made local takes its group-version out.
 */
export class RemoteDiscovery {
  private readonly published = new Map<string, Published>();

  constructor(
    private readonly state: DiscoveryState,
    private readonly cache: APIServiceCache,
    private readonly transport: ProxyTransport,
    private readonly timeoutMs: number,
  ) {
    cache.onChange(() => this.forgetRemoved());
  }

  /** AvailableConditionController's onChecked. */
  async checked(s: APIService, result: AvailabilityResult): Promise<void> {
    const doc = result.discovery as { resources: APIResource[] } | undefined;
    if (!doc) return;
    const name = s.metadata?.name ?? '';
    const group = s.spec?.group ?? '';
    const version = s.spec?.version ?? '';
    const have = this.published.get(name);
    if (have && have.group === group && have.version === version && isDeepStrictEqual(have.resources, doc.resources) && have.openAPI.v3) return;
    const openAPI = await this.fetchOpenAPI(s);
    this.published.set(name, { group, version, resources: doc.resources, openAPI });
    this.state.setRemoteOpenAPI({ group, version }, openAPI);
    this.publishGroup(group);
  }

  private async fetchOpenAPI(s: APIService): Promise<RemoteOpenAPI> {
    const json = async (path: string): Promise<Record<string, unknown> | undefined> => {
      const res = await getFromService(this.transport, s, path, this.timeoutMs).catch(() => undefined);
      if (!res || res.statusCode !== 200) return undefined;
      try {
        return JSON.parse(res.body.toString('utf8'));
      } catch {
        return undefined;
      }
    };
    const [v3, v2] = await Promise.all([json(`/openapi/v3/apis/${s.spec?.group}/${s.spec?.version}`), json('/openapi/v2')]);
    return { v3, v2 };
  }

  /** The group's remote versions in discovery, in priority order. */
  private publishGroup(group: string): void {
    const services = this.cache
      .list()
      .filter((s) => s.spec?.group === group && !isLocal(s) && this.published.has(s.metadata?.name ?? ''))
      .sort(byPriority);
    this.state.setGroupVersions(
      group,
      services.map((s) => [s.spec?.version ?? '', this.published.get(s.metadata?.name ?? '')!.resources]),
    );
  }

  private forgetRemoved(): void {
    for (const [name, p] of this.published) {
      const s = this.cache.get(name);
      if (s && !isLocal(s) && s.spec?.group === p.group && s.spec?.version === p.version) continue;
      this.published.delete(name);
      this.state.setRemoteOpenAPI({ group: p.group, version: p.version }, undefined);
      this.publishGroup(p.group);
    }
  }
}
