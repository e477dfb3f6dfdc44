import { createHmac, randomBytes } from 'node:crypto';
import type { AuthenticationResponse, TokenAuthenticator } from '../authenticator';

export interface TokenCacheOptions {
  /** How long an accepted token is remembered (kube-apiserver: 10s). */
  successTTLMs: number;
  /** How long a refused or failed token is remembered (kube-apiserver: 0, not at all). */
  failureTTLMs: number;
  /** Entries kept at most; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  expires: number;
  result: Promise<AuthenticationResponse | null>;
}

/**
 * token/cache.cachedTokenAuthenticator: remembers a token's result for a short while so that a
 * client's burst of requests costs one signature check or one webhook call. Concurrent lookups of
 * the same token share one call (as kube's singleflight). Keys are an HMAC of the token and the
 * audiences, so the cache never holds a usable credential.
 */
export class CachedTokenAuthenticator implements TokenAuthenticator {
  private readonly entries = new Map<string, Entry>();
  private readonly hashKey = randomBytes(32);
  private readonly now: () => number;

  constructor(
    private readonly delegate: TokenAuthenticator,
    private readonly opts: TokenCacheOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  authenticateToken(token: string, audiences?: string[]): Promise<AuthenticationResponse | null> {
    const key = this.keyOf(token, audiences);
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) return hit.result;
    const entry: Entry = { expires: Number.POSITIVE_INFINITY, result: this.delegate.authenticateToken(token, audiences) };
    this.store(key, entry);
    entry.result.then(
      (resp) => this.settle(key, entry, resp ? this.opts.successTTLMs : this.opts.failureTTLMs),
      () => this.settle(key, entry, this.opts.failureTTLMs),
    );
    return entry.result;
  }

  private settle(key: string, entry: Entry, ttl: number): void {
    if (this.entries.get(key) !== entry) return;
    if (ttl <= 0) this.entries.delete(key);
    else entry.expires = this.now() + ttl;
  }

  private store(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    const max = this.opts.maxEntries ?? 4096;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(oldest);
    }
  }

  private keyOf(token: string, audiences: string[] | undefined): string {
    const mac = createHmac('sha256', this.hashKey).update(token);
    // Audiences are part of the key: the same token may be valid for one audience and not another.
    for (const aud of audiences ?? []) mac.update('\0').update(aud);
    return `${audiences ? 'a' : 'n'}:${mac.digest('base64')}`;
  }
}
