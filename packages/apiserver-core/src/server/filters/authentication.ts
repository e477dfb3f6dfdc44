import type { Middleware } from 'koa';
import type { RequestAuthenticator } from '../../authentication/authenticator';
import type { UserInfo } from '../../authentication/user';
import { StatusError } from '../../api/errors';
import { writeError } from '../../endpoints/handlers/response';

export interface AuthenticationOptions {
  /** The union of the configured authenticators (anonymous last, when enabled). */
  authenticator: RequestAuthenticator;
  /** Called with each refused request, for logging and the failed-authentication audit event. */
  onFailure?: (ctx: Parameters<Middleware>[0], err: unknown) => void;
}

/** The authenticated user of a request (set by withAuthentication, replaced by impersonation). */
export function userOf(ctx: { state: Record<string, unknown> }): UserInfo | undefined {
  return ctx.state.user as UserInfo | undefined;
}

/**
 * WithAuthentication: the user from the request's credentials, or a 401 Status. The Authorization
 * header is removed once used so that nothing further down (proxies) forwards the credential.
 */
export function withAuthentication(opts: AuthenticationOptions): Middleware {
  return async (ctx, next) => {
    let response;
    let failure: unknown;
    try {
      response = await opts.authenticator.authenticateRequest({ headers: ctx.req.headers, headersDistinct: ctx.req.headersDistinct, socket: ctx.req.socket });
    } catch (err) {
      failure = err;
    }
    if (!response) {
      opts.onFailure?.(ctx, failure);
      writeError(ctx, new StatusError(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    ctx.state.user = response.user;
    delete ctx.req.headers.authorization;
    return next();
  };
}
