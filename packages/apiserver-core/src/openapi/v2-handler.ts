import { gzipSync } from 'node:zlib';
import type { Context } from 'koa';
import { etagOf, notModified } from './etag';
import { encodeOpenAPIV2Protobuf } from './protobuf/gnostic-v2-encode';

/** What kube-apiserver answers a protobuf request of /openapi/v2 with. */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
/** The older name of the same encoding, which client-go still asks for. */
export const OPENAPI_V2_PROTOBUF_DEPRECATED = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

/** gziphandler's DefaultMinSize: smaller bodies go out as they are. */
const GZIP_MIN_SIZE = 1400;

interface Representation {
  contentType: string;
  body: Buffer;
  gzipped?: Buffer;
}

/** Media types served, in kube-openapi's order: a wildcard clause picks JSON. */
const SERVED: { type: string; subType: string; representation: 'json' | 'protobuf' }[] = [
  { type: 'application', subType: 'json', representation: 'json' },
  { type: 'application', subType: OPENAPI_V2_PROTOBUF_DEPRECATED.slice('application/'.length), representation: 'protobuf' },
  { type: 'application', subType: OPENAPI_V2_PROTOBUF.slice('application/'.length), representation: 'protobuf' },
];

interface AcceptClause {
  type: string;
  subType: string;
  q: number;
}

/** The Accept header's clauses, most preferred first (higher q, then the more specific), as goautoneg sorts them. */
function acceptClauses(header: string): AcceptClause[] {
  const clauses = header.split(',').map((part): AcceptClause => {
    const [mime, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const [type, subType = '*'] = mime === '*' ? ['*', '*'] : mime.split('/');
    const q = params.map((p) => /^q=([0-9.]+)$/.exec(p)).find((m) => m);
    return { type, subType, q: q ? Number(q[1]) : 1 };
  });
  const specificity = (c: AcceptClause) => (c.type === '*' ? 0 : c.subType === '*' ? 1 : 2);
  return clauses.filter((c) => c.type).sort((a, b) => b.q - a.q || specificity(b) - specificity(a));
}

/**
 * /openapi/v2 as kube-openapi's handler serves it: JSON or gnostic protobuf by Accept (406 when
 * neither is acceptable), both under the ETag of the JSON (the response varies by Accept), with
 * Last-Modified, 304 for a matching If-None-Match, and gzip for clients that accept it. kubectl
 * reads the protobuf form only: client-side validation of kinds without PATCH in OpenAPI v3 needs it.
 * The document is built on first request and the protobuf encoding on first protobuf request; both
 * again after `generation` moved.
 */
export function openAPIV2Handler(build: () => Record<string, unknown>, generation: () => number = () => 0): (ctx: Context) => void {
  let doc: Record<string, unknown> | undefined;
  let json: Representation | undefined;
  let protobuf: Representation | undefined;
  let etag = '';
  let lastModified = '';
  let builtAt = generation();
  const representation = (kind: 'json' | 'protobuf'): Representation => {
    // The API surface changed (a CRD's group-version came or went): rebuild, under a new ETag.
    if (builtAt !== generation()) {
      builtAt = generation();
      doc = json = protobuf = undefined;
    }
    doc ??= build();
    if (!json) {
      json = { contentType: 'application/json', body: Buffer.from(JSON.stringify(doc)) };
      etag = etagOf(json.body);
      lastModified = new Date().toUTCString();
    }
    if (kind === 'json') return json;
    protobuf ??= { contentType: OPENAPI_V2_PROTOBUF, body: Buffer.from(encodeOpenAPIV2Protobuf(doc)) };
    return protobuf;
  };

  return (ctx) => {
    ctx.append('Vary', 'Accept-Encoding');
    ctx.append('Vary', 'Accept');
    const clauses = acceptClauses(ctx.get('Accept') || '*/*');
    const match = clauses.map((c) => SERVED.find((s) => (c.type === '*' || c.type === s.type) && (c.subType === '*' || c.subType === s.subType))).find((s) => s);
    if (!match) {
      ctx.status = 406;
      ctx.body = '';
      ctx.remove('Content-Type');
      return;
    }
    const rep = representation(match.representation);
    ctx.set('ETag', etag);
    ctx.set('Last-Modified', lastModified);
    if (notModified(ctx, etag)) return;
    ctx.status = 200;
    if (rep.body.length >= GZIP_MIN_SIZE && ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
      rep.gzipped ??= gzipSync(rep.body);
      ctx.set('Content-Encoding', 'gzip');
      ctx.body = rep.gzipped;
    } else {
      ctx.body = rep.body;
    }
    ctx.set('Content-Type', rep.contentType);
  };
}
