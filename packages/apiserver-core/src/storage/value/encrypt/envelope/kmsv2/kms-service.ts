import type * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { dialKMS, unaryMethod } from '../grpc-service';

/** kmsservice.Service: what the envelope transformer asks of a KMS v2 plugin. */
export interface KMSService {
  status(): Promise<{ version: string; healthz: string; keyID: string }>;
  encrypt(uid: string, plaintext: Buffer): Promise<{ ciphertext: Buffer; keyID: string; annotations: Record<string, Buffer> }>;
  decrypt(uid: string, req: { ciphertext: Buffer; keyID: string; annotations: Record<string, Buffer> }): Promise<Buffer>;
  close(): void;
}

// The messages of k8s.io/kms/apis/v2 (package v2, service KeyManagementService), by field number.
const root = protobuf.Root.fromJSON({
  nested: {
    StatusRequest: { fields: {} },
    StatusResponse: { fields: { version: { type: 'string', id: 1 }, healthz: { type: 'string', id: 2 }, key_id: { type: 'string', id: 3 } } },
    DecryptRequest: {
      fields: {
        ciphertext: { type: 'bytes', id: 1 },
        uid: { type: 'string', id: 2 },
        key_id: { type: 'string', id: 3 },
        annotations: { keyType: 'string', type: 'bytes', id: 4 } as protobuf.IMapField,
      },
    },
    DecryptResponse: { fields: { plaintext: { type: 'bytes', id: 1 } } },
    EncryptRequest: { fields: { plaintext: { type: 'bytes', id: 1 }, uid: { type: 'string', id: 2 } } },
    EncryptResponse: {
      fields: { ciphertext: { type: 'bytes', id: 1 }, key_id: { type: 'string', id: 2 }, annotations: { keyType: 'string', type: 'bytes', id: 3 } as protobuf.IMapField },
    },
  },
});

const method = (name: string, request: string, response: string) => unaryMethod(root, 'v2.KeyManagementService', name, request, response);

/** The KeyManagementService definition, for the client here and for test plugins serving it. */
export const keyManagementServiceDefinition: grpc.ServiceDefinition = {
  Status: method('Status', 'StatusRequest', 'StatusResponse'),
  Decrypt: method('Decrypt', 'DecryptRequest', 'DecryptResponse'),
  Encrypt: method('Encrypt', 'EncryptRequest', 'EncryptResponse'),
};

const annotationsOf = (m: unknown): Record<string, Buffer> => Object.fromEntries(Object.entries((m ?? {}) as Record<string, Uint8Array>).map(([k, v]) => [k, Buffer.from(v)]));

/** kmsv2.NewGRPCService: one connection to `unix:///path` (or `unix:path`), each call bounded by the provider's timeout. */
export function newGRPCKMSService(endpoint: string, timeoutMs: number): KMSService {
  const { call, close } = dialKMS(keyManagementServiceDefinition, endpoint, timeoutMs);
  return {
    async status() {
      const r = await call('Status', {});
      return { version: r.version as string, healthz: r.healthz as string, keyID: r.key_id as string };
    },
    async encrypt(uid, plaintext) {
      const r = await call('Encrypt', { plaintext, uid });
      return { ciphertext: Buffer.from(r.ciphertext as Uint8Array), keyID: r.key_id as string, annotations: annotationsOf(r.annotations) };
    },
    async decrypt(uid, req) {
      const r = await call('Decrypt', { ciphertext: req.ciphertext, uid, key_id: req.keyID, annotations: req.annotations });
      return Buffer.from(r.plaintext as Uint8Array);
    },
    close,
  };
}
