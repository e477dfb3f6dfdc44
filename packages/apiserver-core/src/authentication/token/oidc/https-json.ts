import { get } from 'node:https';

/**
 * GETs a JSON document over HTTPS, trusting `ca` (--oidc-ca-file) or the system roots. The OIDC
 * issuer is the only remote the authenticator talks to, so a tiny client beats a fetch whose
 * trust store cannot be set per request.
 */
export function getJSON(url: string, ca: string | undefined, timeoutMs = 10_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (!url.startsWith('https://')) {
      reject(new Error(`oidc: ${url} must use the https scheme`));
      return;
    }
    const req = get(url, { ca, timeout: timeoutMs, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) {
          reject(new Error(`${res.statusCode} ${res.statusMessage ?? ''}: ${body}`));
          return;
        }
        try {
          resolve(JSON.parse(body));
        } catch (err) {
          reject(new Error(`oidc: failed to decode provider discovery object: ${(err as Error).message}`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`Get "${url}": context deadline exceeded`)));
    req.on('error', reject);
  });
}
