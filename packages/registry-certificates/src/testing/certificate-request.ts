import { execFileSync } from 'node:child_process';

/** Key types openssl can make a request with. */
export type RequestKey = 'ec' | 'rsa' | 'ed25519';

const keyArgs: Record<RequestKey, string[]> = {
  ec: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
  rsa: ['-newkey', 'rsa:2048'],
  ed25519: ['-newkey', 'ed25519'],
};

/** A real PKCS#10 request made by the openssl command, base64 as a CSR's spec.request carries it. */
export function newCertificateRequest(subject: string, key: RequestKey = 'ec'): string {
  const pem = execFileSync('openssl', ['req', '-new', ...keyArgs[key], '-nodes', '-keyout', '/dev/null', '-subj', subject], { stdio: ['ignore', 'pipe', 'pipe'] });
  return pem.toString('base64');
}
