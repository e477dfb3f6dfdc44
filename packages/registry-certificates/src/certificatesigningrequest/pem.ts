import { createPublicKey, verify } from 'node:crypto';
import { Pkcs10CertificateRequest, X509Certificate } from '@peculiar/x509';

interface PemBlock {
  type: string;
  headers: boolean;
  der: Buffer;
}

const blockRe = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

/** pem.Decode over a whole input: every block with its type; `headers` when the block carries "Key: value" lines. */
export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(blockRe)].map((m) => ({
    type: m[1],
    headers: /^[^\s:]+:/m.test(m[2]),
    der: Buffer.from(m[2].replace(/\s+/g, ''), 'base64'),
  }));
}

/** One DER element: where its contents start and end, and where the whole element ends. */
interface DerElement {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

function derElement(der: Buffer, at: number): DerElement {
  if (at + 2 > der.length) throw new RangeError('truncated');
  let length = der[at + 1];
  let contentStart = at + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4) throw new RangeError('unsupported length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + der[contentStart + i];
    contentStart += octets;
  }
  const end = contentStart + length;
  if (end > der.length) throw new RangeError('truncated');
  return { tag: der[at], start: at, contentStart, end };
}

/** CertificationRequest ::= SEQUENCE { info, signatureAlgorithm, signature BIT STRING }: the signed bytes and the signature. */
function signedParts(der: Buffer): { info: Buffer; signature: Buffer } {
  const outer = derElement(der, 0);
  const info = derElement(der, outer.contentStart);
  const algorithm = derElement(der, info.end);
  const signature = derElement(der, algorithm.end);
  // A BIT STRING's first content octet counts unused bits; signatures use whole octets.
  return { info: der.subarray(info.start, info.end), signature: der.subarray(signature.contentStart + 1, signature.end) };
}

/** The node:crypto digest for a CSR's signature algorithm (null: the key decides, Ed25519); undefined when unsupported. */
function digestOf(algorithm: { name: string; hash?: { name: string } }): string | null | undefined {
  if (algorithm.name === 'Ed25519') return null;
  if (algorithm.name !== 'ECDSA' && algorithm.name !== 'RSASSA-PKCS1-v1_5') return undefined;
  return algorithm.hash?.name.toLowerCase().replace('-', '');
}

/**
 * certificates.ParseCSR then CheckSignature: the first PEM block must be a CERTIFICATE REQUEST
 * whose self-signature verifies. Synchronous (node:crypto), because validation is. Returns the
 * problem, or undefined.
 */
export function checkCertificateRequest(pemText: string): string | undefined {
  const block = pemBlocks(pemText)[0];
  if (!block || block.type !== 'CERTIFICATE REQUEST') return 'PEM block type must be CERTIFICATE REQUEST';
  let csr: Pkcs10CertificateRequest;
  let parts: { info: Buffer; signature: Buffer };
  try {
    csr = new Pkcs10CertificateRequest(block.der);
    parts = signedParts(block.der);
  } catch {
    return 'x509: malformed certificate request';
  }
  const digest = digestOf(csr.signatureAlgorithm as { name: string; hash?: { name: string } });
  if (digest === undefined) return 'x509: cannot verify signature: algorithm unimplemented';
  try {
    const key = createPublicKey({ key: Buffer.from(csr.publicKey.rawData), format: 'der', type: 'spki' });
    if (verify(digest, parts.info, key, parts.signature)) return undefined;
  } catch {
    // An unparseable key or signature fails the same way a wrong one does.
  }
  return 'x509: signature verification failure';
}

/** validateCertificate: empty, or only CERTIFICATE blocks without headers, each holding a certificate. */
export function checkIssuedCertificate(pemText: string): string | undefined {
  if (pemText.length === 0) return undefined;
  const blocks = pemBlocks(pemText);
  for (const b of blocks) {
    if (b.type !== 'CERTIFICATE') return `only CERTIFICATE PEM blocks are allowed, found "${b.type}"`;
    if (b.headers) return 'no PEM block headers are permitted';
    try {
      new X509Certificate(b.der);
    } catch {
      return 'x509: malformed certificate';
    }
  }
  return blocks.length === 0 ? 'must contain at least one CERTIFICATE PEM block' : undefined;
}

/** A []byte field as JSON carries it (base64) decoded to text; undefined when it is not base64. */
export function bytesField(value: string | undefined): string {
  return Buffer.from(value ?? '', 'base64').toString('latin1');
}
