import type Router from '@koa/router';
import type { Context } from 'koa';

import type { GroupVersion, GroupVersionKind } from '../runtime/object';
import { parseGroupVersion } from '../runtime/object';
import type { RequestContext } from '../rest/context';
import {
  categoriesOf,
  gvkProviderOf,
  isCollectionDeleter,
  isConnecter,
  isCreater,
  isGetter,
  isGracefulDeleter,
  isLister,
  isScoper,
  isUpdater,
  isWatcher,
  shortNamesOf,
  singularNameOf,
  storageVersionOf,
  type Storage,
} from '../rest/interfaces';
import type { SchemaRegistry } from '../schema/schema-registry';
import type { ResourceStorageMap } from '../server/api-group-info';
import type { ProtobufMessageRegistry } from '../runtime/protobuf/registry';
import type { APIResource } from './discovery/types';
import { storageVersionHash } from './discovery/storage-version-hash';
import { createResource } from './handlers/create';
import { deleteCollection, deleteResource } from './handlers/delete';
import { getResource } from './handlers/get';
import { listResource } from './handlers/list';
import { patchResource } from './handlers/patch';
import type { AdmissionInterface } from '../admission/interfaces';
import { addAuditAnnotations } from '../audit/context';
import type { RequestScope } from './handlers/request-scope';
import { writeError } from './handlers/response';
import { updateResource } from './handlers/update';
import { serveConnect } from './handlers/connect';

export interface InstallerOptions {
  maxRequestBodyBytes: number;
  /** --min-request-timeout (seconds) for watches. */
  minRequestTimeoutSeconds?: number;
  /** The server's schemas; a kind found there gets strategic merge patch and field validation. */
  schemas?: SchemaRegistry;
  /** The group's protobuf messages (APIGroupInfo.protobufMessages). */
  protobufMessages?: ProtobufMessageRegistry;
  /** Patch types accepted when not all are (RequestScope.patchTypes). */
  patchTypes?: string[];
  /** The structural schema of the group-version's kind (RequestScope.structural), by resource path. */
  structural?: (path: string) => RequestScope['structural'];
  /** The server's admission chain, handed to every write handler. */
  admission?: AdmissionInterface;
}

type Handler = (ctx: Context, rctx: RequestContext, scope: RequestScope) => Promise<void>;

/**
 * APIInstaller (endpoints/installer.go registerResourceHandlers): one route per resource path and
 * verb the storage supports, and the discovery rows describing them.
 */
export class APIInstaller {
  constructor(
    private readonly router: Router,
    /** "/api" or "/apis/<group>". */
    private readonly prefix: string,
    private readonly gv: GroupVersion,
    private readonly storageMap: ResourceStorageMap,
    private readonly opts: InstallerOptions,
  ) {}

  install(): APIResource[] {
    const paths = Object.keys(this.storageMap).sort();
    return paths.map((path) => this.registerResourceHandlers(path, this.storageMap[path]));
  }

  private registerResourceHandlers(path: string, storage: Storage): APIResource {
    const [resource, subresource = ''] = path.split('/');
    const parent = this.storageMap[resource] ?? storage;
    const namespaced = isScoper(storage) ? storage.namespaceScoped() : isScoper(parent) && parent.namespaceScoped();
    const kind = this.kindOf(storage);
    const scope: RequestScope = {
      kind,
      resource: { ...this.gv, resource },
      subresource,
      namespaced,
      storage,
      maxRequestBodyBytes: this.opts.maxRequestBodyBytes,
      minRequestTimeoutSeconds: this.opts.minRequestTimeoutSeconds,
      protobufMessages: this.opts.protobufMessages,
      ...(this.opts.patchTypes ? { patchTypes: this.opts.patchTypes } : {}),
      ...(this.opts.structural?.(path) ? { structural: this.opts.structural(path) } : {}),
      admission: this.opts.admission,
      ...(this.opts.schemas?.addBuiltin(kind) ? { schemas: this.opts.schemas } : {}),
    };
    const base = `${this.prefix}/${this.gv.version}`;
    const nsBase = namespaced ? `${base}/namespaces/:namespace/${resource}` : `${base}/${resource}`;
    const item = subresource ? `${nsBase}/:name/${subresource}` : `${nsBase}/:name`;
    const verbs: string[] = [];
    const route = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', p: string, verb: string, h: Handler) => {
      this.router[method](p, (ctx) => this.serve(ctx, scope, verb, h));
    };
    if (!subresource) {
      if (isLister(storage)) {
        route('get', nsBase, 'list', listResource);
        if (namespaced) route('get', `${base}/${resource}`, 'list', listResource);
        verbs.push('list');
      }
      if (isWatcher(storage)) {
        // The deprecated watch paths kube-apiserver still serves: /watch/<collection> and /watch/<collection>/<name>.
        const watchBase = namespaced ? `${base}/watch/namespaces/:namespace/${resource}` : `${base}/watch/${resource}`;
        route('get', watchBase, 'watch', (ctx, rctx, s) => listResource(ctx, rctx, s, { forceWatch: true }));
        route('get', `${watchBase}/:name`, 'watch', (ctx, rctx, s) => listResource(ctx, rctx, s, { forceWatch: true, name: ctx.params.name }));
        if (namespaced) route('get', `${base}/watch/${resource}`, 'watch', (ctx, rctx, s) => listResource(ctx, rctx, s, { forceWatch: true }));
        verbs.push('watch');
      }
      if (isCreater(storage)) {
        route('post', nsBase, 'create', createResource);
        verbs.push('create');
      }
      if (isCollectionDeleter(storage)) {
        route('delete', nsBase, 'deletecollection', deleteCollection);
        verbs.push('deletecollection');
      }
    } else if (isCreater(storage)) {
      route('post', item, 'create', (ctx, rctx, s) => createResource(ctx, rctx, s, ctx.params.name));
      verbs.push('create');
    }
    if (isConnecter(storage)) {
      for (const m of storage.connectMethods()) route(m.toLowerCase() as 'get', item, 'connect', (ctx, rctx, s) => serveConnect(ctx, rctx, s, ctx.params.name));
      // Proxy subresources also serve every path below them ({path:*} of the Go installer).
      if (subresource === 'proxy') {
        for (const m of storage.connectMethods()) route(m.toLowerCase() as 'get', `${item}/:path(.*)`, 'connect', (ctx, rctx, s) => serveConnect(ctx, rctx, s, ctx.params.name));
      }
    }
    if (isGetter(storage)) {
      route('get', item, 'get', (ctx, rctx, s) => getResource(ctx, rctx, s, ctx.params.name));
      verbs.push('get');
    }
    if (isUpdater(storage)) {
      route('put', item, 'update', (ctx, rctx, s) => updateResource(ctx, rctx, s, ctx.params.name));
      if (isGetter(storage)) {
        route('patch', item, 'patch', (ctx, rctx, s) => patchResource(ctx, rctx, s, ctx.params.name));
        verbs.push('patch');
      }
      verbs.push('update');
    }
    if (isGracefulDeleter(storage) && !subresource) {
      route('delete', item, 'delete', (ctx, rctx, s) => deleteResource(ctx, rctx, s, ctx.params.name));
      verbs.push('delete');
    }
    const storageVersion = storageVersionOf(storage);
    return {
      name: path,
      singularName: subresource ? '' : (singularNameOf(storage) ?? kind.kind.toLowerCase()),
      namespaced,
      ...(kind.group !== this.gv.group || kind.version !== this.gv.version ? { group: kind.group, version: kind.version } : {}),
      kind: kind.kind,
      verbs: verbs.sort(),
      ...(shortNamesOf(storage).length ? { shortNames: shortNamesOf(storage) } : {}),
      ...(categoriesOf(storage).length ? { categories: categoriesOf(storage) } : {}),
      ...(storageVersion && !subresource ? { storageVersionHash: storageVersionHash(storageVersion) } : {}),
    };
  }

  private kindOf(storage: Storage): GroupVersionKind {
    const provided = gvkProviderOf(storage)?.groupVersionKind(this.gv);
    if (provided) return provided;
    const obj = storage.newObject();
    const gv = obj.apiVersion ? parseGroupVersion(obj.apiVersion) : this.gv;
    return { ...gv, kind: obj.kind ?? '' };
  }

  private async serve(ctx: Context, scope: RequestScope, verb: string, handler: Handler): Promise<void> {
    const rctx: RequestContext = {
      namespace: scope.namespaced ? ctx.params.namespace : undefined,
      gvr: scope.resource,
      userAgent: ctx.get('User-Agent'),
      user: ctx.state.user as RequestContext['user'],
      signal: ctx.state.signal as AbortSignal | undefined,
      addAuditAnnotations: (annotations) => addAuditAnnotations(ctx.state, annotations),
      requestInfo: {
        verb,
        apiPrefix: this.prefix,
        apiGroup: this.gv.group,
        apiVersion: this.gv.version,
        namespace: ctx.params.namespace ?? '',
        resource: scope.resource.resource,
        subresource: scope.subresource,
        name: ctx.params.name ?? '',
      },
    };
    ctx.state.requestInfo = rctx.requestInfo;
    try {
      await handler(ctx, rctx, scope);
    } catch (err) {
      writeError(ctx, err);
    }
    if (rctx.warnings?.length && !ctx.headerSent) {
      ctx.set('Warning', limitWarnings(rctx.warnings).map(warningHeaderValue));
    }
  }
}

/**
 * A `299 - "text"` Warning header value, the text quoted as Go's strconv.Quote does and every
 * character past ASCII escaped (`\u20ac`, `\U0001f600`), which strconv.Unquote in kubectl reads
 * back. Node refuses header characters above U+00FF and writes the others as UTF-8, so a warning
 * about a field name with such characters was a 500.
 */
export function warningHeaderValue(text: string): string {
  const quoted = JSON.stringify(text).replace(/[^\x20-\x7e]/gu, (c) => {
    const cp = c.codePointAt(0)!;
    return cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
  return `299 - ${quoted}`;
}

/** The recorder limits of kube's warning filter: 4096 runes in all; past that, 256 runes each, and the rest dropped. */
const truncateAtTotalRunes = 4 * 1024;
const truncateItemRunes = 256;

/** Bounds the warnings of one response as kube-apiserver does, so a body with thousands of unknown fields does not answer thousands of headers. */
export function limitWarnings(warnings: string[]): string[] {
  const runes = (w: string) => [...w].length;
  if (warnings.reduce((n, w) => n + runes(w), 0) <= truncateAtTotalRunes) return warnings;
  const out: string[] = [];
  let total = 0;
  for (const w of warnings) {
    const item = runes(w) > truncateItemRunes ? [...w].slice(0, truncateItemRunes).join('') : w;
    if (total + runes(item) > truncateAtTotalRunes) break;
    out.push(item);
    total += runes(item);
  }
  return out;
}
