import type { AuthenticationResponse, TokenAuthenticator } from '../authenticator';
import type { UserInfo } from '../user';
import { readFlagFile } from '../read-file';
import { parseCSV } from './csv';

/** Logs the warnings kube prints for suspicious but accepted lines. */
export type TokenFileWarn = (message: string) => void;

/**
 * token/tokenfile: static bearer tokens from --token-auth-file, a CSV of
 * `token,user,uid[,"group1,group2"]` (further columns ignored). The file is read once at start-up;
 * a malformed file stops the server, as kube-apiserver's does.
 */
export class TokenFileAuthenticator implements TokenAuthenticator {
  constructor(private readonly tokens: ReadonlyMap<string, UserInfo>) {}

  async authenticateToken(token: string): Promise<AuthenticationResponse | null> {
    const user = this.tokens.get(token);
    return user ? { user } : null;
  }
}

export function parseTokenFile(path: string, text: string, warn: TokenFileWarn = () => {}): Map<string, UserInfo> {
  const tokens = new Map<string, UserInfo>();
  let recordNum = 0;
  for (const record of parseCSV(text)) {
    if (record.length < 3) {
      throw new Error(`token file '${path}' must have at least 3 columns (token, user name, user uid), found ${record.length}`);
    }
    recordNum++;
    const [token, name, uid, groups] = record;
    if (token === '') {
      warn(`empty token has been found in token file '${path}', record number '${recordNum}'`);
      continue;
    }
    if (tokens.has(token)) warn(`duplicate token has been found in token file '${path}', record number '${recordNum}'`);
    // kube keeps the uid as written, empty included, and splits groups on commas without trimming.
    tokens.set(token, { name, uid, groups: groups === undefined ? [] : groups.split(',') });
  }
  return tokens;
}

/** NewCSV: reads and parses the file; errors name the file as kube's do ("open <path>: …" for a missing one). */
export function newTokenFileAuthenticator(path: string, warn?: TokenFileWarn): TokenFileAuthenticator {
  const text = readFlagFile(path);
  return new TokenFileAuthenticator(parseTokenFile(path, text, warn));
}
