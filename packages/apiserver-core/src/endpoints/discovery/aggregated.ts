import type Router from '@koa/router';
import type { Context, Next } from 'koa';
import type { GroupVersion } from '../../runtime/object';
import { etagOf, writeCached } from '../../openapi/etag';
import { parseMediaTypes } from '../negotiation';
import type { DiscoveryState } from './discovery';
import type { APIResource } from './types';

/** apidiscovery.k8s.io/v2 APIResourceDiscovery and friends. */
export interface APISubresourceDiscovery {
  subresource: string;
  responseKind?: { group: string; version: string; kind: string };
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  responseKind: { group: string; version: string; kind: string };
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  freshness: 'Current' | 'Stale';
}

export interface APIGroupDiscovery {
  metadata: { name?: string; creationTimestamp: null };
  versions: APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  apiVersion: string;
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}

/** The resources of one group-version, subresources folded under their resource. */
export function versionDiscovery(gv: GroupVersion, resources: APIResource[]): APIVersionDiscovery {
  const byName = new Map<string, APIResourceDiscovery>();
  const kindOf = (r: APIResource) => ({ group: r.group ?? gv.group, version: r.version ?? gv.version, kind: r.kind });
  for (const r of resources.filter((x) => !x.name.includes('/'))) {
    byName.set(r.name, {
      resource: r.name,
      responseKind: kindOf(r),
      scope: r.namespaced ? 'Namespaced' : 'Cluster',
      singularResource: r.singularName,
      verbs: r.verbs,
      ...(r.shortNames?.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories?.length ? { categories: r.categories } : {}),
    });
  }
  for (const r of resources.filter((x) => x.name.includes('/'))) {
    const [parent, subresource] = r.name.split('/');
    const p = byName.get(parent);
    if (!p) continue;
    (p.subresources ??= []).push({ subresource, ...(r.kind ? { responseKind: kindOf(r) } : {}), verbs: r.verbs });
  }
  return { version: gv.version, resources: [...byName.values()], freshness: 'Current' };
}

export function aggregatedDiscovery(state: DiscoveryState, legacy: boolean, apiVersion: string): APIGroupDiscoveryList {
  const items: APIGroupDiscovery[] = [];
  if (legacy) {
    const versions = [...state.legacy.entries()].map(([version, rs]) => versionDiscovery({ group: '', version }, rs));
    if (versions.length) items.push({ metadata: { creationTimestamp: null }, versions });
  } else {
    for (const group of state.groupNames()) {
      const vs = state.groups.get(group)!;
      const versions = [...vs.entries()].map(([version, rs]) => versionDiscovery({ group, version }, rs));
      items.push({ metadata: { name: group, creationTimestamp: null }, versions });
    }
  }
  return { kind: 'APIGroupDiscoveryList', apiVersion, metadata: {}, items };
}

const AGGREGATED_VERSIONS = ['v2', 'v2beta1'];

/** The aggregated version the client asked for first, or undefined when it wants the legacy documents. */
export function negotiateAggregated(accept: string | undefined): string | undefined {
  for (const mt of parseMediaTypes(accept)) {
    if (mt.type !== 'application/json') continue;
    if (mt.params.g === 'apidiscovery.k8s.io' && mt.params.as === 'APIGroupDiscoveryList' && AGGREGATED_VERSIONS.includes(mt.params.v)) return mt.params.v;
    if (!mt.params.as) return undefined;
  }
  return undefined;
}

/**
 * Aggregated discovery (KEP-3352) at /api and /apis: one document describing every group, version
 * and resource, served when the Accept header asks for it; otherwise the legacy documents follow.
 */
export function installAggregatedDiscovery(router: Router, state: DiscoveryState): void {
  const cache = new Map<string, { body: string; etag: string }>();
  let cachedGeneration = state.generation;
  const serve = (legacy: boolean) => async (ctx: Context, next: Next) => {
    const version = negotiateAggregated(ctx.get('Accept'));
    if (!version) return next();
    // A group-version installed or removed since (a CRD's): a new document and a new ETag.
    if (cachedGeneration !== state.generation) {
      cache.clear();
      cachedGeneration = state.generation;
    }
    const key = `${legacy}/${version}`;
    let doc = cache.get(key);
    if (!doc) {
      const body = JSON.stringify(aggregatedDiscovery(state, legacy, `apidiscovery.k8s.io/${version}`));
      doc = { body, etag: etagOf(body) };
      cache.set(key, doc);
    }
    writeCached(ctx, doc.body, `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`, doc.etag);
  };
  router.get('/api', serve(true));
  router.get('/apis', serve(false));
}
