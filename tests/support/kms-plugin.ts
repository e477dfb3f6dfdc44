import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { storage } from '@kapi/apiserver-core';

/**
 * A KMS v2 plugin for tests: k8s.io/kms's KeyManagementService on a unix socket, sealing with
 * AES-256-GCM under a key per key ID, so that the test can rotate the key ID and count calls.
 */
export interface TestKMSPlugin {
  /** `unix:///…/kms.sock`, for the EncryptionConfiguration's endpoint. */
  endpoint: string;
  /** The key ID Status and Encrypt report; change it to rotate. */
  keyID: string;
  calls: { status: number; encrypt: number; decrypt: number };
  /** Status answers this healthz while set (an unhealthy plugin). */
  healthz: string;
  stop(): Promise<void>;
}

type Callback = (err: grpc.ServiceError | null, res?: Record<string, unknown>) => void;
type Call = { request: Record<string, unknown> };

export async function startTestKMSPlugin(dir: string): Promise<TestKMSPlugin> {
  const socket = path.join(dir, 'kms.sock');
  const keys = new Map<string, Buffer>();
  const keyFor = (id: string) => {
    if (!keys.has(id)) keys.set(id, randomBytes(32));
    return keys.get(id)!;
  };
  const server = new grpc.Server();
  const plugin: TestKMSPlugin = {
    endpoint: `unix://${socket}`,
    keyID: 'key-1',
    calls: { status: 0, encrypt: 0, decrypt: 0 },
    healthz: 'ok',
    stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
  server.addService(storage.keyManagementServiceDefinition, {
    Status: (_call: Call, cb: Callback) => {
      plugin.calls.status++;
      cb(null, { version: 'v2', healthz: plugin.healthz, key_id: plugin.keyID });
    },
    Encrypt: (call: Call, cb: Callback) => {
      plugin.calls.encrypt++;
      const nonce = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', keyFor(plugin.keyID), nonce);
      const sealed = Buffer.concat([nonce, c.update(call.request.plaintext as Buffer), c.final(), c.getAuthTag()]);
      cb(null, { ciphertext: sealed, key_id: plugin.keyID, annotations: { 'plugin.kms.example.dev': Buffer.from('test') } });
    },
    Decrypt: (call: Call, cb: Callback) => {
      plugin.calls.decrypt++;
      const sealed = Buffer.from(call.request.ciphertext as Uint8Array);
      try {
        const d = createDecipheriv('aes-256-gcm', keyFor(call.request.key_id as string), sealed.subarray(0, 12));
        d.setAuthTag(sealed.subarray(sealed.length - 16));
        cb(null, { plaintext: Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]) });
      } catch {
        cb({ code: grpc.status.INVALID_ARGUMENT, details: 'cannot decrypt', name: 'Error', message: 'cannot decrypt', metadata: new grpc.Metadata() });
      }
    },
  } as unknown as grpc.UntypedServiceImplementation);
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix:${socket}`, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve())));
  return plugin;
}

/** A KMS v1 plugin for tests: k8s.io/kms/apis/v1beta1 on a unix socket, sealing each DEK with AES-256-GCM. */
export interface TestKMSv1Plugin {
  endpoint: string;
  calls: { version: number; encrypt: number; decrypt: number };
  /** While set, Encrypt and Decrypt fail with UNAVAILABLE (a plugin whose KMS is down). */
  failing: boolean;
  stop(): Promise<void>;
}

export async function startTestKMSv1Plugin(dir: string): Promise<TestKMSv1Plugin> {
  const socket = path.join(dir, 'kms-v1.sock');
  const key = randomBytes(32);
  const server = new grpc.Server();
  const unavailable = () => ({ code: grpc.status.UNAVAILABLE, details: 'kms is down', name: 'Error', message: 'kms is down', metadata: new grpc.Metadata() });
  const plugin: TestKMSv1Plugin = {
    endpoint: `unix://${socket}`,
    calls: { version: 0, encrypt: 0, decrypt: 0 },
    failing: false,
    stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
  server.addService(storage.keyManagementServiceV1Beta1Definition, {
    Version: (_call: Call, cb: Callback) => {
      plugin.calls.version++;
      cb(null, { version: 'v1beta1', runtime_name: 'kapi-test-kms', runtime_version: '0.1.0' });
    },
    Encrypt: (call: Call, cb: Callback) => {
      plugin.calls.encrypt++;
      if (plugin.failing) return cb(unavailable());
      const nonce = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, nonce);
      cb(null, { cipher: Buffer.concat([nonce, c.update(call.request.plain as Buffer), c.final(), c.getAuthTag()]) });
    },
    Decrypt: (call: Call, cb: Callback) => {
      plugin.calls.decrypt++;
      if (plugin.failing) return cb(unavailable());
      const sealed = Buffer.from(call.request.cipher as Uint8Array);
      try {
        const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
        d.setAuthTag(sealed.subarray(sealed.length - 16));
        cb(null, { plain: Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]) });
      } catch {
        cb({ code: grpc.status.INVALID_ARGUMENT, details: 'cannot decrypt', name: 'Error', message: 'cannot decrypt', metadata: new grpc.Metadata() });
      }
    },
  } as unknown as grpc.UntypedServiceImplementation);
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix:${socket}`, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve())));
  return plugin;
}
