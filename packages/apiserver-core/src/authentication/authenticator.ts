import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import type { UserInfo } from './user';

/** What an authenticator may look at: the request headers and the connection (a TLSSocket on the secure port). */
export interface AuthenticationRequest {
  headers: IncomingHttpHeaders;
  /**
   * The headers with every value as sent (Node joins repeated headers with ", " in `headers`); the
   * front-proxy authenticator needs them, since each X-Remote-Group line is one group.
   */
  headersDistinct?: NodeJS.Dict<string[]>;
  socket: Socket;
}

/** authenticator.Response: the user, and the audiences the credential was valid for (if it is audience-bound). */
export interface AuthenticationResponse {
  user: UserInfo;
  audiences?: string[];
}

/**
 * authenticator.Request: resolves to a response when the request carries credentials this
 * authenticator accepts, to `null` when it carries none it knows ("no opinion"), and rejects with
 * an Error when it carries credentials that are invalid (expired, wrongly signed, unknown) — the
 * union then answers 401 without falling back to anonymous, as kube's union.NewFailOnError does.
 */
export interface RequestAuthenticator {
  authenticateRequest(req: AuthenticationRequest): Promise<AuthenticationResponse | null>;
}

/** authenticator.Token: the same contract for a bearer token (TokenReview uses it directly). */
export interface TokenAuthenticator {
  authenticateToken(token: string, audiences?: string[]): Promise<AuthenticationResponse | null>;
}
