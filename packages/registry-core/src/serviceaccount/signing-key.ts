import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { verificationKey } from './authenticator/public-keys';

/** The key service account tokens are signed with, and the JWS header values that go with it. */
export interface SigningKey {
  privateKey: KeyObject;
  alg: 'RS256' | 'ES256' | 'ES384' | 'ES512';
  /** keyIDFromPublicKey: base64url(sha256(DER of the public key)), as kube-apiserver computes it. */
  kid: string;
}

/** The header values come from the public half, computed as the verifying side computes them. */
export function signingKeyFromPEM(pem: string | Buffer): SigningKey {
  const privateKey = createPrivateKey(pem);
  const { alg, kid } = verificationKey(createPublicKey(privateKey));
  return { privateKey, alg, kid };
}

/**
 * --service-account-signing-key-file, or (when unset) an RSA key generated once and kept under the
 * data dir so tokens stay valid across restarts.
 */
export async function loadSigningKey(keyFile: string, dataDir: string): Promise<SigningKey> {
  if (keyFile) return signingKeyFromPEM(await readFile(keyFile));
  const file = path.join(dataDir, 'service-account.key');
  try {
    return signingKeyFromPEM(await readFile(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, pem, { mode: 0o600, flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
    // Another process won the race: use its key.
    if (err.code !== 'EEXIST') throw err;
  });
  return signingKeyFromPEM(await readFile(file));
}
