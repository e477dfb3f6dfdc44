import { createHash, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** A key service account tokens are verified with, named as the JWKS and the JWS header name it. */
export interface VerificationKey {
  publicKey: KeyObject;
  /** keyIDFromPublicKey: base64url(sha256(PKIX DER)), the `kid` TokenRequest puts in the header. */
  kid: string;
  alg: 'RS256' | 'ES256' | 'ES384' | 'ES512';
}

const ecAlgs: Record<string, VerificationKey['alg']> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };

export function verificationKey(publicKey: KeyObject): VerificationKey {
  let alg: VerificationKey['alg'] | undefined;
  if (publicKey.asymmetricKeyType === 'rsa') alg = 'RS256';
  else if (publicKey.asymmetricKeyType === 'ec') alg = ecAlgs[publicKey.asymmetricKeyDetails?.namedCurve ?? ''];
  if (!alg) throw new Error(`unsupported key type ${publicKey.asymmetricKeyType}`);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { publicKey, alg, kid: createHash('sha256').update(der).digest('base64url') };
}

const pemBlock = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * keyutil.ParsePublicKeysPEM: every RSA or ECDSA key of a PEM file — public keys, private keys
 * (their public half) and certificates — as --service-account-key-file accepts them; blocks of
 * other kinds are skipped, and a file without any usable key is an error.
 */
export function publicKeysFromPEM(pem: string): VerificationKey[] {
  const keys: VerificationKey[] = [];
  for (const match of pem.matchAll(pemBlock)) {
    const [block, type] = match;
    let key: KeyObject;
    try {
      key = type === 'CERTIFICATE' ? new X509Certificate(block).publicKey : createPublicKey(block);
    } catch {
      continue;
    }
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') continue;
    keys.push(verificationKey(key));
  }
  if (keys.length === 0) throw new Error('data does not contain any valid RSA or ECDSA public keys');
  return keys;
}

/** --service-account-key-file, repeatable: the keys of every file, in flag order. */
export async function loadPublicKeys(files: string[]): Promise<VerificationKey[]> {
  const keys: VerificationKey[] = [];
  for (const file of files) {
    try {
      keys.push(...publicKeysFromPEM(await readFile(file, 'utf8')));
    } catch (err) {
      throw new Error(`failed to parse service-account-key-file ${file}: ${(err as Error).message}`);
    }
  }
  return keys;
}
