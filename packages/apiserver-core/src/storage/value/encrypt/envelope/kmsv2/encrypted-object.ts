import protobuf from 'protobufjs';
import { isDNS1123Subdomain } from '../../../../../validation/names';

/** How the DEK source of an EncryptedObject is to be used. */
export const EncryptedDEKSourceType = { AES_GCM_KEY: 0, HKDF_SHA256_XNONCE_AES_GCM_SEED: 1 } as const;

/** The KMS v2 envelope kube-apiserver stores after `k8s:enc:kms:v2:<name>:`. */
export interface EncryptedObject {
  encryptedData: Buffer;
  keyID: string;
  encryptedDEKSource: Buffer;
  annotations: Record<string, Buffer>;
  encryptedDEKSourceType: number;
}

// Field numbers and types of kube's kmsv2 EncryptedObject message, declared for protobufjs.
const type = protobuf.Root.fromJSON({
  nested: {
    EncryptedObject: {
      fields: {
        encryptedData: { type: 'bytes', id: 1 },
        keyID: { type: 'string', id: 2 },
        encryptedDEKSource: { type: 'bytes', id: 3 },
        annotations: { keyType: 'string', type: 'bytes', id: 4 } as protobuf.IMapField,
        encryptedDEKSourceType: { type: 'int32', id: 5 },
      },
    },
  },
}).lookupType('EncryptedObject');

const keyIDMaxSize = 1024;
const annotationsMaxSize = 32 * 1024;

export function encodeEncryptedObject(o: EncryptedObject): Buffer {
  validateEncryptedObject(o);
  return Buffer.from(type.encode(type.fromObject(o)).finish());
}

export function decodeEncryptedObject(data: Buffer): EncryptedObject {
  const m = type.toObject(type.decode(data), { defaults: true }) as Record<string, unknown>;
  const o: EncryptedObject = {
    encryptedData: Buffer.from(m.encryptedData as Uint8Array),
    keyID: m.keyID as string,
    encryptedDEKSource: Buffer.from(m.encryptedDEKSource as Uint8Array),
    annotations: Object.fromEntries(Object.entries((m.annotations ?? {}) as Record<string, Uint8Array>).map(([k, v]) => [k, Buffer.from(v)])),
    encryptedDEKSourceType: m.encryptedDEKSourceType as number,
  };
  validateEncryptedObject(o);
  return o;
}

/** kmsv2.ValidateEncryptedObject: the checks (and messages) kube applies before trusting an envelope. */
function validateEncryptedObject(o: EncryptedObject): void {
  if (o.encryptedData.length === 0) throw new Error('encrypted data is empty');
  if (!Object.values(EncryptedDEKSourceType).includes(o.encryptedDEKSourceType as 0 | 1)) {
    throw new Error(`unknown encryptedDEKSourceType: ${o.encryptedDEKSourceType}`);
  }
  if (o.encryptedDEKSource.length === 0) throw new Error('encrypted DEK source is empty');
  if (o.encryptedDEKSource.length > 1024) throw new Error(`encrypted DEK source is ${o.encryptedDEKSource.length} bytes, which exceeds the max size of 1024`);
  if (o.keyID.length === 0) throw new Error('keyID is empty');
  if (o.keyID.length > keyIDMaxSize) throw new Error(`keyID is ${o.keyID.length} bytes, which exceeds the max size of ${keyIDMaxSize}`);
  for (const k of Object.keys(o.annotations)) {
    const problems = isFullyQualifiedDomainName(k);
    if (problems.length > 0) throw new Error(`failed to validate annotations: annotations: Invalid value: "${k}": ${problems.join('; ')}`);
  }
  const size = Object.entries(o.annotations).reduce((n, [k, v]) => n + k.length + v.length, 0);
  if (size > annotationsMaxSize) throw new Error(`failed to validate annotations: total size of annotations is ${size}, which exceeds the max size of ${annotationsMaxSize}`);
}

/** validation.IsFullyQualifiedDomainName: a DNS subdomain of at least two labels (annotation keys of a KMS plugin). */
function isFullyQualifiedDomainName(name: string): string[] {
  const problems = isDNS1123Subdomain(name);
  if (problems.length > 0) return problems;
  return name.split('.').length < 2 ? ['should be a domain with at least two segments separated by dots'] : [];
}
