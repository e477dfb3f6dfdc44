import { newBadRequest, StatusError } from '../api/errors';

/**
 * The continue token of k8s.io/apiserver/pkg/storage: base64 JSON carrying the list's revision and
 * the key (relative to the listed prefix) the next page starts at, so every page reads one snapshot.
 */
interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

export function encodeContinue(startKey: string, listPrefix: string, revision: number): string {
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv: revision, start: startKey.slice(listPrefix.length) };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

export function decodeContinue(encoded: string, listPrefix: string): { startKey: string; revision: number } {
  let token: Partial<ContinueToken> | null;
  try {
    token = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Partial<ContinueToken> | null;
  } catch {
    throw newBadRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  // Any JSON value decodes (`null`, `1`, `[]`); kube's json.Unmarshal into the struct fails the same way for them all.
  if (token === null || typeof token !== 'object' || Array.isArray(token)) {
    throw newBadRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  if (token.v !== 'meta.k8s.io/v1') throw newBadRequest('continue key is not valid: server does not recognize this encoded version');
  if (typeof token.rv !== 'number' || !Number.isInteger(token.rv) || token.rv <= 0)
    throw newBadRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (typeof token.start !== 'string' || token.start.includes('..') || token.start.startsWith('/')) {
    throw newBadRequest('continue key is not valid: path traversal not allowed');
  }
  return { startKey: listPrefix + token.start, revision: token.rv };
}

const continueExpiredMsg = 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';
const inconsistentContinueMsg =
  continueExpiredMsg.slice(0, -1) +
  ', or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/**
 * A 410 for a continue token whose revision was compacted. Its Status carries a fresh token that
 * continues from the same key at the newest revision (an inconsistent but complete remainder).
 */
export class ContinueExpiredError extends StatusError {
  constructor(readonly continueToken: string | undefined) {
    super(410, 'Expired', continueToken ? inconsistentContinueMsg : continueExpiredMsg);
  }

  override toStatus(): ReturnType<StatusError['toStatus']> {
    const status = super.toStatus();
    if (this.continueToken) status.metadata = { continue: this.continueToken };
    return status;
  }
}
