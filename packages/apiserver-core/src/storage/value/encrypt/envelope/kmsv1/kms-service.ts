import type * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { dialKMS, unaryMethod } from '../grpc-service';

/** envelope.Service: what the KMS v1 envelope transformer asks of a plugin (k8s.io/kms/apis/v1beta1). */
export interface KMSv1Service {
  encrypt(plain: Buffer): Promise<Buffer>;
  decrypt(cipher: Buffer): Promise<Buffer>;
  close(): void;
}

/** The only plugin API version kube's v1 client speaks. */
export const kmsv1APIVersion = 'v1beta1';

// The messages of k8s.io/kms/apis/v1beta1 (package v1beta1, service KeyManagementService), by field number.
const root = protobuf.Root.fromJSON({
  nested: {
    VersionRequest: { fields: { version: { type: 'string', id: 1 } } },
    VersionResponse: { fields: { version: { type: 'string', id: 1 }, runtime_name: { type: 'string', id: 2 }, runtime_version: { type: 'string', id: 3 } } },
    DecryptRequest: { fields: { version: { type: 'string', id: 1 }, cipher: { type: 'bytes', id: 2 } } },
    DecryptResponse: { fields: { plain: { type: 'bytes', id: 1 } } },
    EncryptRequest: { fields: { version: { type: 'string', id: 1 }, plain: { type: 'bytes', id: 2 } } },
    EncryptResponse: { fields: { cipher: { type: 'bytes', id: 1 } } },
  },
});

const method = (name: string, request: string, response: string) => unaryMethod(root, 'v1beta1.KeyManagementService', name, request, response);

/** The v1beta1 KeyManagementService definition, for the client here and for test plugins serving it. */
export const keyManagementServiceV1Beta1Definition: grpc.ServiceDefinition = {
  Version: method('Version', 'VersionRequest', 'VersionResponse'),
  Decrypt: method('Decrypt', 'DecryptRequest', 'DecryptResponse'),
  Encrypt: method('Encrypt', 'EncryptRequest', 'EncryptResponse'),
};

/**
 * envelope.NewGRPCService: one connection to `unix:///path`; before its first Encrypt or Decrypt
 * the plugin must answer Version with v1beta1 (kube's interceptor checks it once), and each call
 * is bounded by the provider's timeout.
 */
export function newGRPCKMSv1Service(endpoint: string, timeoutMs: number): KMSv1Service {
  const { call, close } = dialKMS(keyManagementServiceV1Beta1Definition, endpoint, timeoutMs);
  let versionChecked = false;
  const checkAPIVersion = async () => {
    if (versionChecked) return;
    let response: Awaited<ReturnType<typeof call>>;
    try {
      response = await call('Version', { version: kmsv1APIVersion });
    } catch (err) {
      throw new Error(`failed get version from remote KMS provider: ${(err as Error).message}`);
    }
    if (response.version !== kmsv1APIVersion) throw new Error(`KMS provider api version ${String(response.version)} is not supported, only ${kmsv1APIVersion} is supported now`);
    versionChecked = true;
  };
  return {
    async encrypt(plain) {
      await checkAPIVersion();
      const r = await call('Encrypt', { plain, version: kmsv1APIVersion });
      return Buffer.from(r.cipher as Uint8Array);
    },
    async decrypt(cipher) {
      await checkAPIVersion();
      const r = await call('Decrypt', { cipher, version: kmsv1APIVersion });
      return Buffer.from(r.plain as Uint8Array);
    },
    close,
  };
}
