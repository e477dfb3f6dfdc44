import type { MessageDescriptor } from './descriptor';

/** apiVersion → kind → the message of that kind ({ v1: { ConfigMap } }). */
export type ProtobufKinds = Readonly<Record<string, Readonly<Record<string, MessageDescriptor>>>>;

/**
 * The protobuf messages a group can decode, keyed by apiVersion and kind — the part of a runtime.Scheme
 * the protobuf serializer consults. A group's RESTStorageProvider hands one to the server in its
 * APIGroupInfo; a kind it does not list is answered 415, as kube-apiserver answers protobuf for CRDs.
 */
export interface ProtobufMessageRegistry {
  lookup(apiVersion: string, kind: string): MessageDescriptor | undefined;
}

export function newProtobufMessageRegistry(...kinds: ProtobufKinds[]): ProtobufMessageRegistry {
  const table = new Map<string, MessageDescriptor>();
  for (const byVersion of kinds) {
    for (const [apiVersion, byKind] of Object.entries(byVersion)) {
      for (const [kind, desc] of Object.entries(byKind)) table.set(`${apiVersion}/${kind}`, desc);
    }
  }
  return { lookup: (apiVersion, kind) => table.get(`${apiVersion}/${kind}`) };
}
