import type { AuthenticationRequest, AuthenticationResponse, RequestAuthenticator, TokenAuthenticator } from '../authenticator';
import { authenticateTokenForAPI, invalidBearerToken } from './bearer-token';

/** The subprotocol prefix browsers use to carry a bearer token on a WebSocket upgrade. */
export const bearerProtocolPrefix = 'base64url.bearer.authorization.k8s.io.';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function headerList(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((v) => v.split(','));
}

/** wsstream.IsWebSocketRequest: Connection names "upgrade" and Upgrade is "websocket". */
export function isWebSocketRequest(headers: AuthenticationRequest['headers']): boolean {
  const connection = headerList(headers.connection).map((t) => t.trim().toLowerCase());
  return connection.includes('upgrade') && (headers.upgrade ?? '').trim().toLowerCase() === 'websocket';
}

/** base64.RawURLEncoding.DecodeString: no padding, URL alphabet only. */
function decodeRawURLBase64(encoded: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded) || encoded.length % 4 === 1) return undefined;
  return Buffer.from(encoded, 'base64url');
}

/**
 * request/websocket.ProtocolAuthenticator: browsers cannot set an Authorization header on a
 * WebSocket, so the token travels as the subprotocol `base64url.bearer.authorization.k8s.io.<token>`.
 * Another subprotocol must come with it (the server echoes one back, and never the token), and
 * the token protocol is removed from the request once accepted.
 */
export class WebSocketProtocolAuthenticator implements RequestAuthenticator {
  constructor(
    private readonly auth: TokenAuthenticator,
    private readonly apiAudiences: readonly string[] = [],
  ) {}

  async authenticateRequest(req: AuthenticationRequest): Promise<AuthenticationResponse | null> {
    if (!isWebSocketRequest(req.headers)) return null;
    let token = '';
    let sawToken = false;
    const others: string[] = [];
    for (const raw of headerList(req.headers['sec-websocket-protocol'])) {
      const protocol = raw.trim();
      if (!protocol.startsWith(bearerProtocolPrefix)) {
        others.push(protocol);
        continue;
      }
      if (sawToken) throw new Error('multiple base64.bearer.authorization tokens specified');
      sawToken = true;
      const decoded = decodeRawURLBase64(protocol.slice(bearerProtocolPrefix.length));
      if (!decoded) throw new Error('invalid base64.bearer.authorization token encoding');
      try {
        token = utf8.decode(decoded);
      } catch {
        throw new Error('invalid base64.bearer.authorization token');
      }
    }
    if (token && others.length === 0) throw new Error('missing additional subprotocol');
    if (!token) return null;
    const resp = await authenticateTokenForAPI(this.auth, token, this.apiAudiences);
    if (!resp) throw new Error(invalidBearerToken);
    req.headers['sec-websocket-protocol'] = others.join(',');
    return resp;
  }
}
