import type { IncomingMessage } from 'node:http';
import type { Context, Middleware } from 'koa';
import type { UserInfo } from '../../authentication/user';
import { AllAuthenticated, AllUnauthenticated, Anonymous } from '../../authentication/user';
import type { AuthorizationAttributes, Authorizer } from '../../authorization/authorizer';
import { writeError } from '../../endpoints/handlers/response';
import { isDNS1123Label, isDNS1123Subdomain } from '../../validation/names';
import { forbidden } from './authorization';
import { userOf } from './authentication';

/** The headers of authentication/v1 (ImpersonateUserHeader …); node gives header names lower-cased. */
const userHeader = 'impersonate-user';
const groupHeader = 'impersonate-group';
const uidHeader = 'impersonate-uid';
const extraHeaderPrefix = 'impersonate-extra-';
const serviceAccountPrefix = 'system:serviceaccount:';
const authenticationGroup = 'authentication.k8s.io';

/** One thing asked to be acted as: kube keeps these as ObjectReferences, and prints them so in its error. */
interface ImpersonationRequest {
  kind: 'User' | 'ServiceAccount' | 'Group' | 'UserExtra' | 'UID';
  namespace?: string;
  name: string;
  apiVersion?: string;
  /** The extra key of a UserExtra (kube keeps it in ObjectReference.FieldPath). */
  fieldPath?: string;
}

/** The user the request was authenticated as, when it impersonates another (audit's `user`). */
export function originalUserOf(ctx: { state: Record<string, unknown> }): UserInfo | undefined {
  return ctx.state.originalUser as UserInfo | undefined;
}

/** The user a request acts as after impersonation (audit's `impersonatedUser`); also in ctx.state.user. */
export function impersonatedUserOf(ctx: { state: Record<string, unknown> }): UserInfo | undefined {
  return ctx.state.impersonatedUser as UserInfo | undefined;
}

/**
 * WithImpersonation: a request may act as another user, groups, uid and extra values when the
 * authenticated user may `impersonate` each of them. Every refusal is kube's 403; groups, extra or a
 * uid without a user is kube's plain-text 500. The headers are removed once used, so nothing
 * further down (proxies to aggregated servers) can be asked to impersonate again.
 */
export function withImpersonation(authorizer: Authorizer): Middleware {
  return async (ctx, next) => {
    // Most requests impersonate nobody: a look at the header names spares building the distinct view.
    if (!Object.keys(ctx.req.headers).some(isImpersonationHeader)) return next();
    const headers = ctx.req.headersDistinct;
    const requests = impersonationRequestsOf(headers);
    if (typeof requests === 'string') {
      writeInternalError(ctx, requests);
      return;
    }
    if (requests.length === 0) return next();

    // On a server without authentication the filters see the same nameless user.
    const requestor = userOf(ctx) ?? { name: '', groups: [] };
    const groupsSpecified = (headers[groupHeader]?.length ?? 0) > 0;
    const impersonated: UserInfo = { name: '', groups: [], extra: {} };
    for (const request of requests) {
      const attrs = actingAsAttributes(requestor, request);
      apply(impersonated, request, groupsSpecified);
      let result;
      try {
        result = await authorizer.authorize(attrs);
      } catch {
        result = { decision: 'NoOpinion' as const, reason: '' };
      }
      if (result.decision !== 'Allow') {
        writeError(ctx, forbidden(attrs, result.reason));
        return;
      }
    }
    impersonated.groups = withDefaultGroup(impersonated.name, impersonated.groups);
    if (Object.keys(impersonated.extra ?? {}).length === 0) delete impersonated.extra;
    if (!impersonated.uid) delete impersonated.uid;

    ctx.state.originalUser = requestor;
    ctx.state.impersonatedUser = impersonated;
    ctx.state.user = impersonated;
    removeImpersonationHeaders(ctx.req);
    return next();
  };
}

/** buildImpersonationRequests: what the headers ask for, in kube's order, or the error text of groups/extra/uid without a user. */
function impersonationRequestsOf(headers: NodeJS.Dict<string[]>): ImpersonationRequest[] | string {
  const requests: ImpersonationRequest[] = [];
  const user = headers[userHeader]?.[0] ?? '';
  if (user) {
    const sa = splitServiceAccountUsername(user);
    requests.push(sa ? { kind: 'ServiceAccount', namespace: sa.namespace, name: sa.name } : { kind: 'User', name: user });
  }
  for (const group of headers[groupHeader] ?? []) requests.push({ kind: 'Group', name: group });
  for (const [header, values] of Object.entries(headers)) {
    if (!header.startsWith(extraHeaderPrefix)) continue;
    const key = unescapeExtraKey(header.slice(extraHeaderPrefix.length).toLowerCase());
    for (const value of values ?? []) requests.push({ kind: 'UserExtra', apiVersion: `${authenticationGroup}/v1`, name: value, fieldPath: key });
  }
  const uid = headers[uidHeader]?.[0] ?? '';
  if (uid) requests.push({ kind: 'UID', apiVersion: `${authenticationGroup}/v1`, name: uid });
  if (!user && requests.length > 0) return `requested [${requests.map(objectReferenceString).join(' ')}] without impersonating a user`;
  return requests;
}

/** The attributes checked for one request: verb impersonate on users, groups, uids, userextras/<key> or a namespaced serviceaccount. */
function actingAsAttributes(user: UserInfo, request: ImpersonationRequest): AuthorizationAttributes {
  const [group, version] = request.apiVersion ? request.apiVersion.split('/') : ['', ''];
  const attrs: AuthorizationAttributes = {
    user,
    verb: 'impersonate',
    resourceRequest: true,
    apiGroup: group,
    apiVersion: version,
    name: request.name,
  };
  switch (request.kind) {
    case 'ServiceAccount':
      return { ...attrs, resource: 'serviceaccounts', namespace: request.namespace };
    case 'User':
      return { ...attrs, resource: 'users' };
    case 'Group':
      return { ...attrs, resource: 'groups' };
    case 'UserExtra':
      return { ...attrs, resource: 'userextras', subresource: request.fieldPath };
    case 'UID':
      return { ...attrs, resource: 'uids' };
  }
}

/** Builds the impersonated user: a ServiceAccount brings its fixed groups unless groups were asked for. */
function apply(user: UserInfo, request: ImpersonationRequest, groupsSpecified: boolean): void {
  switch (request.kind) {
    case 'ServiceAccount':
      user.name = `${serviceAccountPrefix}${request.namespace}:${request.name}`;
      if (!groupsSpecified) user.groups = ['system:serviceaccounts', `system:serviceaccounts:${request.namespace}`];
      break;
    case 'User':
      user.name = request.name;
      break;
    case 'Group':
      user.groups.push(request.name);
      break;
    case 'UserExtra':
      (user.extra![request.fieldPath ?? ''] ??= []).push(request.name);
      break;
    case 'UID':
      user.uid = request.name;
      break;
  }
}

/**
 * Everyone but system:anonymous is system:authenticated unless the asked groups already say
 * authenticated or unauthenticated; system:anonymous is system:unauthenticated.
 */
function withDefaultGroup(name: string, groups: string[]): string[] {
  if (name === Anonymous) return groups.includes(AllUnauthenticated) ? groups : [...groups, AllUnauthenticated];
  if (groups.includes(AllAuthenticated) || groups.includes(AllUnauthenticated)) return groups;
  return [...groups, AllAuthenticated];
}

/**
 * serviceaccount.SplitUsername: system:serviceaccount:<namespace>:<name> with a valid namespace
 * (DNS label) and name (DNS subdomain); anything else is impersonated as a plain user.
 */
function splitServiceAccountUsername(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(serviceAccountPrefix)) return undefined;
  const parts = user.slice(serviceAccountPrefix.length).split(':');
  if (parts.length !== 2 || isDNS1123Label(parts[0]).length || isDNS1123Subdomain(parts[1]).length) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** Extra keys are percent-encoded in header names (kube's unescapeExtraKey); a malformed one is kept as it is. */
function unescapeExtraKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** Go's %v of a v1.ObjectReference: its seven fields, space separated, in braces. */
function objectReferenceString(r: ImpersonationRequest): string {
  return `{${[r.kind, r.namespace ?? '', r.name, '', r.apiVersion ?? '', '', r.fieldPath ?? ''].join(' ')}}`;
}

/** responsewriters.InternalError: a plain-text 500 naming the request URI, not a Status. */
function writeInternalError(ctx: Context, message: string): void {
  const text = `Internal Server Error: ${JSON.stringify(ctx.originalUrl)}: ${message}`.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  ctx.status = 500;
  ctx.set('Content-Type', 'text/plain; charset=utf-8');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = `${text}\n`;
}

/** From every view node keeps of the headers: the parsed ones, the distinct ones (cached once read) and the raw list. */
function removeImpersonationHeaders(req: IncomingMessage): void {
  for (const name of Object.keys(req.headers)) if (isImpersonationHeader(name)) delete req.headers[name];
  const distinct = req.headersDistinct;
  for (const name of Object.keys(distinct)) if (isImpersonationHeader(name)) delete distinct[name];
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (isImpersonationHeader(raw[i])) raw.splice(i, 2);
}

function isImpersonationHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === userHeader || lower === groupHeader || lower === uidHeader || lower.startsWith(extraHeaderPrefix);
}
