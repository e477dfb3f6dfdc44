import type Router from '@koa/router';
import type { Context } from 'koa';
import { newNotAcceptable } from '../api/errors';
import type { DiscoveryState } from '../endpoints/discovery/discovery';
import { writeError } from '../endpoints/handlers/response';
import { parseMediaTypes } from '../endpoints/negotiation';
import type { SchemaRegistry } from '../schema/schema-registry';
import { etagOf, writeCached } from './etag';
import { openAPIV2Document, openAPIV3Document } from './documents';
import { openAPIV2Handler } from './v2-handler';

interface Served {
  body: string;
  etag: string;
  hash: string;
}

function served(doc: unknown): Served {
  const body = JSON.stringify(doc);
  const etag = etagOf(body);
  return { body, etag, hash: etag.slice(1, -1) };
}

const acceptsJSON = (accept: string | undefined): boolean => parseMediaTypes(accept).some((m) => m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*');

/**
 * /openapi/v3 (index of group-versions, each with its content hash), /openapi/v3/<api/v1 | apis/g/v>,
 * and /openapi/v2 (JSON or gnostic protobuf). Documents are built on first request, after every
 * group is installed, and kept until a group-version comes or goes (a CRD's): then rebuilt, with new hashes and ETags.
 */
export function installOpenAPI(router: Router, state: DiscoveryState, schemas: SchemaRegistry): void {
  let v3: Map<string, Served> | undefined;
  let v3Index: Served | undefined;
  let builtAt = -1;
  const buildV3 = (): Map<string, Served> => {
    if (v3 && builtAt === state.generation) return v3;
    builtAt = state.generation;
    v3 = new Map();
    for (const version of state.legacy.keys()) v3.set(`api/${version}`, served(openAPIV3Document({ group: '', version }, state, schemas)));
    for (const [group, versions] of state.groups) {
      for (const version of versions.keys()) {
        const remote = state.remoteOpenAPIOf({ group, version });
        // An aggregated group-version: its server's document as it published it (none until it did).
        if (remote) {
          if (remote.v3) v3.set(`apis/${group}/${version}`, served(remote.v3));
        } else v3.set(`apis/${group}/${version}`, served(openAPIV3Document({ group, version }, state, schemas)));
      }
    }
    const paths = Object.fromEntries([...v3.entries()].map(([p, d]) => [p, { serverRelativeURL: `/openapi/v3/${p}?hash=${d.hash}` }]));
    v3Index = served({ paths });
    return v3;
  };

  router.get('/openapi/v3', (ctx) => {
    buildV3();
    writeCached(ctx, v3Index!.body, 'application/json', v3Index!.etag);
  });
  router.get(/^\/openapi\/v3\/(.+)$/, (ctx: Context, next) => {
    const doc = buildV3().get(ctx.path.slice('/openapi/v3/'.length));
    if (!doc) return next();
    if (!acceptsJSON(ctx.get('Accept'))) return writeError(ctx, newNotAcceptable('only application/json is served for OpenAPI v3'));
    // A URL carrying the current hash never changes: let clients cache it (kube-apiserver does too).
    writeCached(ctx, doc.body, 'application/json', doc.etag, ctx.query.hash === doc.hash);
  });
  router.get(
    '/openapi/v2',
    openAPIV2Handler(
      () => openAPIV2Document(state, schemas),
      () => state.generation,
    ),
  );
}
