import { newBadRequest, newUnsupportedMediaType } from '../../api/errors';
import type { KObject } from '../object';
import { decodeMessage } from './decode-message';
import { decodeUnknown } from './envelope';
import type { MessageDescriptor } from './descriptor';
import { builtinProtobufMessages } from './generated-tables';
import type { ProtobufMessageRegistry } from './registry';
import { ProtobufWireError } from './wire-reader';

/**
 * meta/v1 kinds that metav1.AddToGroupVersion puts in every group version: a typed client sends
 * DeleteOptions as "apps/v1" or "meta.k8s.io/v1", and any group decodes it.
 */
const inEveryGroupVersion = new Set(['DeleteOptions', 'ListOptions', 'GetOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions']);

/** runtime.ContentTypeProtobuf. */
export const protobufContentType = 'application/vnd.kubernetes.protobuf';

/**
 * The message of a kind: the group's own registry first (plugin kinds), then the generated tables of
 * every built-in kind — kube-apiserver decodes with one scheme that knows them all, so a group never
 * has to declare the kinds of k8s.io/api, nor the subresource bodies of other groups it accepts
 * (policy/v1 Eviction, authentication.k8s.io/v1 TokenRequest, autoscaling/v1 Scale).
 */
function messageOf(registry: ProtobufMessageRegistry | undefined, apiVersion: string, kind: string): MessageDescriptor | undefined {
  return (
    registry?.lookup(apiVersion, kind) ??
    builtinProtobufMessages.lookup(apiVersion, kind) ??
    (inEveryGroupVersion.has(kind) ? builtinProtobufMessages.lookup('meta.k8s.io/v1', kind) : undefined)
  );
}

/**
 * Decodes a request body sent as Kubernetes protobuf into the JSON object kube-apiserver would hold
 * after decoding it: apiVersion and kind from the envelope, the rest from the kind's message.
 * A kind without a message (a custom resource) is 415, malformed bytes are 400.
 */
export function decodeProtobufObject(body: Uint8Array, registry: ProtobufMessageRegistry | undefined): KObject {
  try {
    const envelope = decodeUnknown(body);
    if (envelope.contentEncoding) throw new ProtobufWireError(`unsupported content encoding ${JSON.stringify(envelope.contentEncoding)}`);
    const desc = messageOf(registry, envelope.apiVersion, envelope.kind);
    if (!desc) throw newUnsupportedMediaType(protobufContentType);
    const typeMeta = {
      ...(envelope.apiVersion ? { apiVersion: envelope.apiVersion } : {}),
      ...(envelope.kind ? { kind: envelope.kind } : {}),
    };
    return { ...typeMeta, ...(decodeMessage(desc, envelope.raw) as object) } as KObject;
  } catch (err) {
    if (err instanceof ProtobufWireError) throw newBadRequest(`unable to decode protobuf body: ${err.message}`);
    throw err;
  }
}
