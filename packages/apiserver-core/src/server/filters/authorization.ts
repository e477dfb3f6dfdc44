import type { Context, Middleware } from 'koa';
import { newForbidden, newInternalError, StatusError } from '../../api/errors';
import type { AuthorizationAttributes, Authorizer } from '../../authorization/authorizer';
import { forbiddenMessage } from '../../authorization/forbidden-message';
import { writeError } from '../../endpoints/handlers/response';
import { resolveRequestInfo } from './request-info';
import { userOf } from './authentication';
import { addAuditAnnotations } from '../../audit/context';
import { isUpgradeRequest } from '../upgrade';

/** GetAuthorizerAttributes: the request info of the path, or the path and lower-cased method of a non-resource request. */
export function authorizationAttributesOf(ctx: Context): AuthorizationAttributes {
  const user = userOf(ctx) ?? { name: '', groups: [] };
  const info = resolveRequestInfo(ctx);
  if (!info) return { user, verb: ctx.method.toLowerCase(), resourceRequest: false, path: ctx.path };
  const selects = info.verb === 'list' || info.verb === 'watch' || info.verb === 'deletecollection';
  const fieldSelector = selects && typeof ctx.query?.fieldSelector === 'string' && ctx.query.fieldSelector ? ctx.query.fieldSelector : undefined;
  return {
    user,
    verb: info.verb,
    resourceRequest: true,
    namespace: info.namespace,
    apiGroup: info.apiGroup,
    apiVersion: info.apiVersion,
    resource: info.resource,
    subresource: info.subresource,
    name: info.name,
    ...(fieldSelector ? { fieldSelector } : {}),
  };
}

/** responsewriters.Forbidden: kube's message, with the authorizer's reason after a colon. */
export function forbidden(attrs: AuthorizationAttributes, reason: string): StatusError {
  const message = forbiddenMessage(attrs) + (reason ? `: ${reason}` : '');
  if (!attrs.resourceRequest) return new StatusError(403, 'Forbidden', `forbidden: ${message}`, {});
  return newForbidden({ group: attrs.apiGroup ?? '', resource: attrs.resource ?? '' }, attrs.name ?? '', message);
}

/** WithAuthorization: only an Allow decision passes; Deny and NoOpinion are a 403 Status. */
export function withAuthorization(authorizer: Authorizer): Middleware {
  return async (ctx, next) => {
    let attrs = authorizationAttributesOf(ctx);
    let result;
    try {
      result = await authorizer.authorize(attrs);
      const streamAttrs = result.decision === 'Allow' ? upgradeCreateAttributes(ctx, attrs) : undefined;
      const create = streamAttrs && (await authorizer.authorize(streamAttrs));
      if (streamAttrs && create && create.decision !== 'Allow') [attrs, result] = [streamAttrs, create];
    } catch (err) {
      addAuditAnnotations(ctx.state, { 'authorization.k8s.io/reason': 'internal error' });
      writeError(ctx, newInternalError(err));
      return;
    }
    // The decision and reason kube-apiserver puts on every audit event of the request.
    addAuditAnnotations(ctx.state, { 'authorization.k8s.io/decision': result.decision === 'Allow' ? 'allow' : 'forbid', 'authorization.k8s.io/reason': result.reason });
    if (result.decision !== 'Allow') {
      writeError(ctx, forbidden(attrs, result.reason));
      return;
    }
    return next();
  };
}

/**
 * An upgrade on a subresource opens a stream into the object (exec, attach, port-forward): besides
 * its method's verb it needs `create` on the subresource, as kube-apiserver checks `pods/exec` for a
 * WebSocket GET (AuthorizePodWebsocketUpgradeCreatePermission, on by default since 1.31), so `get`
 * alone (the view role) never opens one. SPDY clients POST, which is `create` already.
 */
function upgradeCreateAttributes(ctx: Context, attrs: AuthorizationAttributes): AuthorizationAttributes | undefined {
  if (!attrs.resourceRequest || !attrs.subresource || attrs.verb === 'create' || !isUpgradeRequest(ctx.req.headers)) return undefined;
  return { ...attrs, verb: 'create' };
}
