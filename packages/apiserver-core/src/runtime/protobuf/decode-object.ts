import { newBadRequest, newUnsupportedMediaType } from '../../api/errors';
import type { KObject } from '../object';
import { decodeMessage } from './decode-message';
import { decodeUnknown } from './envelope';
import { DeleteOptions } from './meta-v1';
import type { MessageDescriptor } from './descriptor';
import type { ProtobufMessageRegistry } from './registry';
import { ProtobufWireError } from './wire-reader';

/**
 * meta/v1 kinds that metav1.AddToGroupVersion puts in every group version: a typed client sends
 * DeleteOptions as "apps/v1" or "meta.k8s.io/v1", and any group decodes it.
 */
const inEveryGroupVersion: ReadonlyMap<string, MessageDescriptor> = new Map([['DeleteOptions', DeleteOptions]]);

/** runtime.ContentTypeProtobuf. */
export const protobufContentType = 'application/vnd.kubernetes.protobuf';

/**
 * Decodes a request body sent as Kubernetes protobuf into the JSON object kube-apiserver would hold
 * after decoding it: apiVersion and kind from the envelope, the rest from the kind's message.
 * A kind the registry does not know is 415, malformed bytes are 400.
 */
export function decodeProtobufObject(body: Uint8Array, registry: ProtobufMessageRegistry | undefined): KObject {
  try {
    const envelope = decodeUnknown(body);
    if (envelope.contentEncoding) throw new ProtobufWireError(`unsupported content encoding ${JSON.stringify(envelope.contentEncoding)}`);
    const desc = registry?.lookup(envelope.apiVersion, envelope.kind) ?? inEveryGroupVersion.get(envelope.kind);
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
