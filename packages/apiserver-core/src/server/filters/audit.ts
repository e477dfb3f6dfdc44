import type { TLSSocket } from 'node:tls';
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import { isStatusError, toStatusError } from '../../api/errors';
import type { AuditBackend } from '../../audit/backend';
import type { PolicyRuleEvaluator } from '../../audit/checker';
import type { AuditContext } from '../../audit/context';
import { auditUserOf, eventForStage, newEventFromRequest, nowMicros, responseStatusOf } from '../../audit/event';
import type { ResponseStatus, Stage } from '../../audit/types';
import type { UserInfo } from '../../authentication/user';
import type { AuthenticationOptions } from './authentication';
import { authorizationAttributesOf } from './authorization';
import { isLongRunningRequest } from './long-running';

/** Config.AuditPolicyRuleEvaluator and Config.AuditBackend: without them nothing is audited, as in kube. */
export interface AuditConfig {
  policy: PolicyRuleEvaluator;
  backend: AuditBackend;
  logger?: Logger;
}

/**
 * WithAudit, placed right after authentication: the policy is evaluated once, against the
 * authenticated user, then the event goes out at RequestReceived, ResponseStarted (long-running
 * requests only: a watch is reported when its stream starts), ResponseComplete — or Panic when
 * the handler failed with an unexpected error. A backend failure is logged, never the request's.
 *
 * Impersonation contract: the impersonation filter runs after this one; when it acts it keeps the
 * authenticated user in `ctx.state.originalUser` and puts the impersonated one in `ctx.state.user`.
 * The event keeps `user` = the authenticated user and reports `impersonatedUser` = `ctx.state.user`.
 * Annotations are added through addAuditAnnotations (the authorization filter's decision and reason).
 */
export function withAudit(config: AuditConfig): Middleware {
  return async (ctx, next) => {
    const ac = newAuditContext(ctx, config);
    if (!ac) return next();
    ctx.state.audit = ac;
    await emit(ctx, config, ac, 'RequestReceived');
    if (isLongRunningRequest(ctx)) reportResponseStarted(ctx, config, ac);
    try {
      await next();
    } catch (err) {
      if (!isStatusError(err)) {
        ac.onComplete?.();
        ac.event.responseStatus = {
          metadata: {},
          status: 'Failure',
          reason: 'InternalError',
          message: `APIServer panic'd: ${(err as Error)?.message ?? String(err)}`,
          code: 500,
        };
        await emit(ctx, config, ac, 'Panic');
        throw err;
      }
      // The outer filter writes this error as a Status: record the answer it will give.
      const se = toStatusError(err);
      await complete(ctx, config, ac, responseStatusOf(se.code, se.toStatus()));
      throw err;
    }
    await complete(ctx, config, ac, finalResponseStatus(ctx, ac));
  };
}

/**
 * ResponseComplete. A long-running request that never wrote its headers still owes ResponseStarted:
 * koa writes its answer (an error before any stream) after the chain, with the final status; when
 * nothing was written at all, kube reports "Connection closed early".
 */
async function complete(ctx: Context, config: AuditConfig, ac: AuditContext, status: ResponseStatus): Promise<void> {
  if (ac.onComplete?.()) {
    ac.event.responseStatus = ctx.respond === false ? closedEarly() : status;
    await emit(ctx, config, ac, 'ResponseStarted');
  }
  ac.event.responseStatus = status;
  await emit(ctx, config, ac, 'ResponseComplete');
}

function closedEarly(): ResponseStatus {
  return { metadata: {}, status: 'Success', message: 'Connection closed early', code: 200 };
}

function newAuditContext(ctx: Context, config: AuditConfig): AuditContext | undefined {
  const attrs = authorizationAttributesOf(ctx);
  const requestConfig = config.policy.evaluatePolicyRule(attrs);
  if (requestConfig.level === 'None') return undefined;
  const event = newEventFromRequest(
    {
      req: ctx.req,
      requestURI: ctx.originalUrl,
      userAgent: ctx.get('User-Agent'),
      auditID: String(ctx.state.auditID ?? ''),
      receivedMicros: typeof ctx.state.requestReceivedMicros === 'number' ? ctx.state.requestReceivedMicros : nowMicros(),
    },
    requestConfig.level,
    attrs,
  );
  return { config: requestConfig, event };
}

/**
 * decorateResponseWriter for long-running requests: the moment the headers go out is the
 * ResponseStarted stage. A watch writes them itself (koa does not), so writeHead is wrapped.
 */
function reportResponseStarted(ctx: Context, config: AuditConfig, ac: AuditContext): void {
  const res = ctx.res;
  const writeHead = res.writeHead;
  let reported = false;
  res.writeHead = function (this: typeof res, ...args: Parameters<typeof res.writeHead>) {
    if (!reported) {
      reported = true;
      ac.event.responseStatus = { metadata: {}, code: args[0] };
      void emit(ctx, config, ac, 'ResponseStarted');
    }
    return writeHead.apply(this, args);
  } as typeof res.writeHead;
  // Returns whether ResponseStarted is still owed: koa writes the answer (an error before the
  // stream) after the chain, or kube's "Connection closed early" when nothing was written at all.
  ac.onComplete = () => {
    res.writeHead = writeHead;
    return !reported && !res.headersSent;
  };
}

/** The code written, with the Status fields when the answer is a Status (errors, a deletion's Success). */
function finalResponseStatus(ctx: Context, ac: AuditContext): ResponseStatus {
  if (ctx.respond === false) return ac.event.responseStatus ?? closedEarly();
  if (ctx.status === 404 && ctx.body === undefined) {
    // Nothing answered: the outer filter writes kube's NotFound Status.
    return { metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 };
  }
  return responseStatusOf(ctx.status, ac.responseObject);
}

async function emit(ctx: Context, config: AuditConfig, ac: AuditContext, stage: Stage): Promise<void> {
  if (ac.config.omitStages.includes(stage)) return;
  const original = ctx.state.originalUser as UserInfo | undefined;
  try {
    const event = eventForStage(ac, stage, {
      impersonatedUser: original ? auditUserOf(ctx.state.user as UserInfo | undefined) : undefined,
      annotations: ac.annotations,
    });
    await config.backend.processEvents(event);
  } catch (err) {
    config.logger?.error({ err, auditID: ac.event.auditID, stage }, 'Error in audit plugin: failed to process audit event');
  }
}

/**
 * WithFailedAuthenticationAudit: a refused credential is audited too — one ResponseStarted event
 * with an empty user, code 401 and which credentials were tried. Returns the authentication options
 * with that audit added to their onFailure hook (the hook the options had still runs).
 */
export function withFailedAuthenticationAudit(authn: AuthenticationOptions | undefined, config: AuditConfig | undefined): AuthenticationOptions | undefined {
  if (!authn || !config) return authn;
  const previous = authn.onFailure;
  return {
    ...authn,
    onFailure(ctx, err) {
      previous?.(ctx, err);
      const ac = newAuditContext(ctx, config);
      if (!ac) return;
      ac.event.responseStatus = { metadata: {}, message: attemptedAuthentication(ctx), code: 401 };
      void emit(ctx, config, ac, 'ResponseStarted');
    },
  };
}

/** getAuthMethods: the credentials a refused request carried, in kube's words. */
function attemptedAuthentication(ctx: Context): string {
  const methods: string[] = [];
  const auth = (ctx.get('Authorization') || '').trim();
  const [scheme, ...rest] = auth.split(' ');
  if (scheme.toLowerCase() === 'basic' && rest.length) methods.push('basic');
  if (scheme.toLowerCase() === 'bearer' && rest.length) methods.push('bearer');
  const token = ctx.query.access_token;
  if (String((Array.isArray(token) ? token[0] : token) ?? '').trim()) methods.push('access_token');
  const peer = (ctx.req.socket as Partial<TLSSocket>).getPeerCertificate?.();
  if (peer && Object.keys(peer).length > 0) methods.push('x509');
  return methods.length ? `Authentication failed, attempted: ${methods.join(', ')}` : 'Authentication failed, no credentials provided';
}
