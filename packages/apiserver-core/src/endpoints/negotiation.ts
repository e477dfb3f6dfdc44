import { jsYaml } from '../util/yaml';
import { newNotAcceptable, newUnsupportedMediaType, newBadRequest } from '../api/errors';
import { decodeProtobufObject, protobufContentType } from '../runtime/protobuf/decode-object';
import type { ProtobufMessageRegistry } from '../runtime/protobuf/registry';
import { decodedLimitViolation, exceededMaxDepth } from '../runtime/decoded-limits';

/** A parsed media type with its parameters (`application/json;as=Table;v=v1;g=meta.k8s.io`). */
export interface MediaType {
  type: string;
  params: Record<string, string>;
}

export function parseMediaTypes(header: string | undefined): MediaType[] {
  if (!header) return [{ type: '*/*', params: {} }];
  return header.split(',').map((part) => {
    const [type, ...params] = part.split(';').map((p) => p.trim());
    const out: MediaType = { type: type.toLowerCase(), params: {} };
    for (const p of params) {
      const eq = p.indexOf('=');
      if (eq > 0) out.params[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
    }
    return out;
  });
}

export type Encoding = 'json' | 'yaml';

/** What the client accepts for an object response: the encoding and an optional target kind (Table, …). */
export interface Negotiated {
  encoding: Encoding;
  as?: { kind: string; group: string; version: string };
}

const jsonTypes = new Set(['application/json', '*/*', 'application/*', 'application/json-patch+json', 'application/merge-patch+json']);

/** Chooses a representation in the client's order of preference, as kube-apiserver's NegotiateOutputMediaType does. */
export function negotiateOutput(accept: string | undefined, supportsAs: (as: string) => boolean): Negotiated {
  for (const mt of parseMediaTypes(accept)) {
    const encoding: Encoding | undefined = jsonTypes.has(mt.type) ? 'json' : mt.type === 'application/yaml' ? 'yaml' : undefined;
    if (!encoding) continue;
    if (mt.params.as) {
      if (!supportsAs(mt.params.as)) continue;
      return { encoding, as: { kind: mt.params.as, group: mt.params.g ?? '', version: mt.params.v ?? '' } };
    }
    return { encoding };
  }
  throw newNotAcceptable('only the following media types are accepted: application/json, application/yaml');
}

/**
 * Decodes a request body by its Content-Type: JSON, YAML, or Kubernetes protobuf for the kinds
 * whose messages the group registered (others are 415, as kube-apiserver answers for CRDs).
 */
export function decodeBody(contentType: string | undefined, body: Buffer, protobufMessages?: ProtobufMessageRegistry): unknown {
  const type = (contentType ?? 'application/json').split(';')[0].trim().toLowerCase();
  if (type === protobufContentType) return decodeProtobufObject(body, protobufMessages);
  if (type === 'application/yaml' || type === 'application/apply-patch+yaml') {
    let value: unknown;
    try {
      value = jsYaml().load(body.toString('utf8'));
    } catch (err) {
      // js-yaml recurses into flow collections: a deep one overflows the stack before any check can run.
      const message = err instanceof RangeError ? exceededMaxDepth : (err as Error).message.split('\n')[0];
      throw newBadRequest(`error converting YAML to JSON: ${message}`);
    }
    const violation = decodedLimitViolation(value, body.length);
    if (violation) throw newBadRequest(`error converting YAML to JSON: ${violation}`);
    return value;
  }
  if (type === 'application/json' || type.endsWith('+json') || type === '') return decodeJSONBody(body, "couldn't get version/kind; json parse error: ");
  throw newUnsupportedMediaType(type);
}

/** JSON.parse within Go's limits; a malformed or out-of-limits body is a 400 whose message starts with prefix. */
export function decodeJSONBody(body: Buffer, prefix: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw newBadRequest(`${prefix}${(err as Error).message}`);
  }
  const violation = decodedLimitViolation(value, body.length);
  if (violation) throw newBadRequest(`${prefix}${violation}`);
  return value;
}

export function encodeBody(encoding: Encoding, obj: unknown): { body: string; contentType: string } {
  if (encoding === 'yaml') return { body: jsYaml().dump(obj, { noRefs: true, lineWidth: -1 }), contentType: 'application/yaml' };
  return { body: JSON.stringify(obj), contentType: 'application/json' };
}
