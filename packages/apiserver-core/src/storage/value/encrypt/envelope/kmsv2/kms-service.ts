import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';

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
      fields: { ciphertext: { type: 'bytes', id: 1 }, uid: { type: 'string', id: 2 }, key_id: { type: 'string', id: 3 }, annotations: { keyType: 'string', type: 'bytes', id: 4 } as protobuf.IMapField },
    },
    DecryptResponse: { fields: { plaintext: { type: 'bytes', id: 1 } } },
    EncryptRequest: { fields: { plaintext: { type: 'bytes', id: 1 }, uid: { type: 'string', id: 2 } } },
    EncryptResponse: { fields: { ciphertext: { type: 'bytes', id: 1 }, key_id: { type: 'string', id: 2 }, annotations: { keyType: 'string', type: 'bytes', id: 3 } as protobuf.IMapField } },
  },
});

type Message = Record<string, unknown>;

function method(name: string, request: string, response: string): grpc.MethodDefinition<Message, Message> {
  const req = root.lookupType(request);
  const res = root.lookupType(response);
  return {
    path: `/v2.KeyManagementService/${name}`,
    requestStream: false,
    responseStream: false,
    requestSerialize: (m) => Buffer.from(req.encode(req.fromObject(m)).finish()),
    requestDeserialize: (b) => req.toObject(req.decode(b), { defaults: true }),
    responseSerialize: (m) => Buffer.from(res.encode(res.fromObject(m)).finish()),
    responseDeserialize: (b) => res.toObject(res.decode(b), { defaults: true }),
  };
}

/** The KeyManagementService definition, for the client here and for test plugins serving it. */
export const keyManagementServiceDefinition: grpc.ServiceDefinition = {
  Status: method('Status', 'StatusRequest', 'StatusResponse'),
  Decrypt: method('Decrypt', 'DecryptRequest', 'DecryptResponse'),
  Encrypt: method('Encrypt', 'EncryptRequest', 'EncryptResponse'),
};

const Client = grpc.makeGenericClientConstructor(keyManagementServiceDefinition, 'KeyManagementService');

const annotationsOf = (m: unknown): Record<string, Buffer> =>
  Object.fromEntries(Object.entries((m ?? {}) as Record<string, Uint8Array>).map(([k, v]) => [k, Buffer.from(v)]));

/** kmsv2.NewGRPCService: one connection to `unix:///path` (or `unix:path`), each call bounded by the provider's timeout. */
export function newGRPCKMSService(endpoint: string, timeoutMs: number): KMSService {
  const socket = endpoint.replace(/^unix:\/\//, '').replace(/^unix:/, '');
  const client = new Client(`unix:${socket}`, grpc.credentials.createInsecure());
  const call = (name: string, req: Message): Promise<Message> =>
    new Promise((resolve, reject) => {
      const fn = (client as unknown as Record<string, (r: Message, o: grpc.CallOptions, cb: (e: grpc.ServiceError | null, m: Message) => void) => void>)[name];
      fn.call(client, req, { deadline: Date.now() + timeoutMs }, (err, res) => (err ? reject(new Error(`rpc error: code = ${goCodeName(err.code)} desc = ${err.details}`)) : resolve(res)));
    });
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
    close: () => client.close(),
  };
}

/** grpc-go's names for status codes (DEADLINE_EXCEEDED → DeadlineExceeded), so errors read as kube's. */
export function goCodeName(code: grpc.status): string {
  return (grpc.status[code] ?? String(code)).toLowerCase().replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
