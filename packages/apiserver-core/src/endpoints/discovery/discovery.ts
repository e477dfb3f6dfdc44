import type Router from '@koa/router';
import type { GroupVersion } from '../../runtime/object';
import { groupVersionString } from '../../runtime/object';
import { writeObject } from '../handlers/response';
import type { APIGroup, APIGroupList, APIResource, APIResourceList } from './types';

/** What an aggregated server published for one of its group-versions (either may be missing). */
export interface RemoteOpenAPI {
  v2?: Record<string, unknown>;
  v3?: Record<string, unknown>;
}

/**
 * Everything the server installed, as discovery reports it. Group-versions come and go while the
 * server runs (a CRD's, when it is established and deleted): `generation` counts the changes, so
 * the documents built from this state (aggregated discovery, OpenAPI) know when to rebuild.
 */
export class DiscoveryState {
  /** version → resources of the legacy group. */
  readonly legacy = new Map<string, APIResource[]>();
  /** group → version (in preference order) → resources. */
  readonly groups = new Map<string, Map<string, APIResource[]>>();
  /** "<group>/<version>/<resource path>" → the patch types PATCH accepts there, when not all are (custom resources). */
  private readonly patchTypes = new Map<string, string[]>();
  private changes = 0;
  /** "<group>/<version>" → the OpenAPI of a group-version another server serves (an aggregated APIService's). */
  private readonly remote = new Map<string, RemoteOpenAPI>();
  /** A group's priority (the aggregator's groupPriorityMinimum); without one, groups list in install order. */
  private groupPriority?: (group: string) => number | undefined;

  get generation(): number {
    return this.changes;
  }

  addGroupVersion(gv: GroupVersion, resources: APIResource[]): void {
    this.changes++;
    if (gv.group === '') {
      this.legacy.set(gv.version, resources);
      return;
    }
    let versions = this.groups.get(gv.group);
    if (!versions) this.groups.set(gv.group, (versions = new Map()));
    versions.set(gv.version, resources);
  }

  /** Replaces the versions of a named group at once, in preference order; an empty list removes the group. */
  setGroupVersions(group: string, versions: [string, APIResource[]][]): void {
    this.changes++;
    if (versions.length === 0) this.groups.delete(group);
    else this.groups.set(group, new Map(versions));
  }

  /**
   * Marks a group-version as served by another server, with the OpenAPI documents it published:
   * OpenAPI is then merged from them rather than built from schemas here. `undefined` unmarks it.
   */
  setRemoteOpenAPI(gv: GroupVersion, docs: RemoteOpenAPI | undefined): void {
    this.changes++;
    if (docs) this.remote.set(groupVersionString(gv), docs);
    else this.remote.delete(groupVersionString(gv));
  }

  /**
   * Orders the named groups as kube's aggregator lists them: higher priority first, equal priorities
   * by name; groups without a priority after them, in install order. Set again when priorities change.
   */
  setGroupPriority(priority: (group: string) => number | undefined): void {
    this.changes++;
    this.groupPriority = priority;
  }

  /** The named groups in discovery order. */
  groupNames(): string[] {
    const names = [...this.groups.keys()];
    const priority = this.groupPriority;
    if (!priority) return names;
    const ranked = names.map((name, index) => ({ name, index, p: priority(name) }));
    ranked.sort((a, b) => {
      if (a.p === undefined || b.p === undefined) return a.p === b.p ? a.index - b.index : a.p === undefined ? 1 : -1;
      return b.p - a.p || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    return ranked.map((r) => r.name);
  }

  remoteOpenAPIOf(gv: GroupVersion): RemoteOpenAPI | undefined {
    return this.remote.get(groupVersionString(gv));
  }

  setPatchTypes(gv: GroupVersion, resourcePath: string, types: string[] | undefined): void {
    const key = `${gv.group}/${gv.version}/${resourcePath}`;
    if (types) this.patchTypes.set(key, types);
    else this.patchTypes.delete(key);
  }

  patchTypesOf(gv: GroupVersion, resourcePath: string): string[] | undefined {
    return this.patchTypes.get(`${gv.group}/${gv.version}/${resourcePath}`);
  }

  apiGroup(group: string): APIGroup | undefined {
    const versions = this.groups.get(group);
    if (!versions || versions.size === 0) return undefined;
    const list = [...versions.keys()].map((version) => ({ groupVersion: groupVersionString({ group, version }), version }));
    return { name: group, versions: list, preferredVersion: list[0] };
  }

  apiGroupList(): APIGroupList {
    const groups = this.groupNames()
      .map((g) => this.apiGroup(g))
      .filter((g): g is APIGroup => !!g);
    return { kind: 'APIGroupList', apiVersion: 'v1', groups };
  }

  resourceList(gv: GroupVersion): APIResourceList | undefined {
    const resources = gv.group === '' ? this.legacy.get(gv.version) : this.groups.get(gv.group)?.get(gv.version);
    if (!resources) return undefined;
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersionString(gv), resources };
  }
}

/** The unaggregated discovery documents: /api, /api/<v>, /apis, /apis/<g>, /apis/<g>/<v>. */
export function installDiscovery(router: Router, state: DiscoveryState, serverAddress: () => string): void {
  router.get('/api', (ctx) =>
    writeObject(ctx, 200, {
      kind: 'APIVersions',
      versions: [...state.legacy.keys()],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: serverAddress() }],
    }),
  );
  router.get('/api/:version', (ctx, next) => {
    const list = state.resourceList({ group: '', version: ctx.params.version });
    return list ? writeObject(ctx, 200, list) : next();
  });
  router.get('/apis', (ctx) => writeObject(ctx, 200, state.apiGroupList()));
  router.get('/apis/:group', (ctx, next) => {
    const group = state.apiGroup(ctx.params.group);
    return group ? writeObject(ctx, 200, { kind: 'APIGroup', apiVersion: 'v1', ...group }) : next();
  });
  router.get('/apis/:group/:version', (ctx, next) => {
    const list = state.resourceList({ group: ctx.params.group, version: ctx.params.version });
    return list ? writeObject(ctx, 200, list) : next();
  });
}
