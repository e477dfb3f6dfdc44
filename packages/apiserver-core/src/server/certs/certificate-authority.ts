import 'reflect-metadata';
import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// @peculiar/x509 signs through WebCrypto; Node's implementation is native, so ECDSA P-256 keys and
// signatures cost well under a millisecond — a test process can afford its own PKI.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** ECDSA P-256 with SHA-256: what k3s generates (kube's self-signed helpers use RSA 2048, far slower to create). */
export const keyAlgorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** A certificate and its private key, PEM encoded (the key as PKCS#8 "PRIVATE KEY", which Go and OpenSSL read). */
export interface CertKeyPair {
  certPEM: string;
  keyPEM: string;
}

/** A CA that can sign: its PEMs and the parsed certificate and signing key. */
export interface CertificateAuthority extends CertKeyPair {
  cert: x509.X509Certificate;
  signingKey: CryptoKey;
}

export interface CertificateValidity {
  notBefore?: Date;
  notAfter?: Date;
}

const day = 24 * 60 * 60 * 1000;

/** A positive random serial (RFC 5280 §4.1.2.2: at most 20 octets, non-negative). */
export function newSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

export async function newKeyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(keyAlgorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function privateKeyPEM(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return toPEM('PRIVATE KEY', der);
}

function toPEM(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * A self-signed CA (certutil.NewSelfSignedCACert): CA basic constraint, keyCertSign, valid ten
 * years from a little in the past, so a clock a few minutes behind still accepts it.
 */
export async function newCertificateAuthority(commonName: string, validity: CertificateValidity = {}): Promise<CertificateAuthority> {
  const keys = await newKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: newSerialNumber(),
    name: [{ CN: [commonName] }],
    notBefore: validity.notBefore ?? new Date(Date.now() - 5 * 60 * 1000),
    notAfter: validity.notAfter ?? new Date(Date.now() + 3650 * day),
    keys,
    signingAlgorithm: keyAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, signingKey: keys.privateKey, certPEM: cert.toString('pem') + '\n', keyPEM: await privateKeyPEM(keys.privateKey) };
}

/** A CA read back from its PEM files (one kapi generated: an ECDSA P-256 PKCS#8 key). */
export async function loadCertificateAuthority(pair: CertKeyPair): Promise<CertificateAuthority> {
  const cert = new x509.X509Certificate(pair.certPEM);
  const der = createPrivateKey(pair.keyPEM).export({ type: 'pkcs8', format: 'der' });
  const signingKey = await webcrypto.subtle.importKey('pkcs8', der, keyAlgorithm, true, ['sign']);
  return { ...pair, cert, signingKey };
}

/** Defaults of a leaf: from five minutes ago, for a year (kube's self-signed serving certificate lives a year). */
export function leafValidity(validity: CertificateValidity = {}): Required<CertificateValidity> {
  return {
    notBefore: validity.notBefore ?? new Date(Date.now() - 5 * 60 * 1000),
    notAfter: validity.notAfter ?? new Date(Date.now() + 365 * day),
  };
}
