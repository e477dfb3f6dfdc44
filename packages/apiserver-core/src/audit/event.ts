import type { IncomingMessage } from 'node:http';
import type { UserInfo } from '../authentication/user';
import type { AuthorizationAttributes } from '../authorization/authorizer';
import type { AuditContext, RequestObjectMeta } from './context';
import { auditGroupVersion, levelAtLeast, type AuditUserInfo, type Event, type Level, type ObjectReference, type ResponseStatus, type Stage } from './types';

const maxUserAgentLength = 1024;

/** Microseconds since the epoch: MicroTime needs more than Date's milliseconds. */
export function nowMicros(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

/** metav1.MicroTime in JSON: RFC 3339 in UTC with exactly six fractional digits. */
export function formatMicroTime(micros: number): string {
  const seconds = Math.floor(micros / 1e6);
  const fraction = String(micros - seconds * 1e6).padStart(6, '0');
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${fraction}Z`;
}

/** authenticationv1.UserInfo: empty fields are left out, as Go's omitempty does. */
export function auditUserOf(user: UserInfo | undefined): AuditUserInfo {
  if (!user) return {};
  const out: AuditUserInfo = {};
  if (user.name) out.username = user.name;
  if (user.uid) out.uid = user.uid;
  if (user.groups?.length) out.groups = [...user.groups];
  if (user.extra && Object.keys(user.extra).length) out.extra = { ...user.extra };
  return out;
}

/** IPv4 peers of a dual-stack socket show as ::ffff:a.b.c.d; Go prints them as a.b.c.d. */
function plainIP(ip: string): string {
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

function looksLikeIP(s: string): boolean {
  return /^[0-9a-fA-F:.]+$/.test(s) && (s.includes('.') || s.includes(':'));
}

/**
 * utilnet.SourceIPs: every address of X-Forwarded-For, X-Real-Ip unless already listed, then the
 * peer address (which cannot be spoofed) unless it is the last one already.
 */
export function sourceIPsOf(req: IncomingMessage): string[] {
  const ips: string[] = [];
  const forwarded = req.headers['x-forwarded-for'];
  const forwardedFor = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  for (const part of (forwardedFor ?? '').split(',')) {
    const ip = part.trim();
    if (ip && looksLikeIP(ip)) ips.push(plainIP(ip));
  }
  const realIPHeader = req.headers['x-real-ip'];
  const realIP = (Array.isArray(realIPHeader) ? realIPHeader[0] : realIPHeader)?.trim();
  if (realIP && looksLikeIP(realIP) && !ips.includes(plainIP(realIP))) ips.push(plainIP(realIP));
  const remote = req.socket.remoteAddress ? plainIP(req.socket.remoteAddress) : undefined;
  if (remote && ips[ips.length - 1] !== remote) ips.push(remote);
  return ips;
}

/** What NewEventFromRequest reads of the request. */
export interface RequestFacts {
  req: IncomingMessage;
  requestURI: string;
  userAgent: string;
  auditID: string;
  receivedMicros: number;
}

/** audit.NewEventFromRequest + LogRequestMetadata: the event before any stage. */
export function newEventFromRequest(facts: RequestFacts, level: Level, attrs: AuthorizationAttributes): Event {
  const ua = facts.userAgent.length > maxUserAgentLength ? `${facts.userAgent.slice(0, maxUserAgentLength)}...TRUNCATED` : facts.userAgent;
  const received = formatMicroTime(facts.receivedMicros);
  const event: Event = {
    kind: 'Event',
    apiVersion: auditGroupVersion,
    level,
    auditID: facts.auditID,
    stage: 'RequestReceived',
    requestURI: facts.requestURI,
    verb: attrs.verb,
    user: auditUserOf(attrs.user.name || attrs.user.groups.length ? attrs.user : undefined),
    sourceIPs: sourceIPsOf(facts.req),
    ...(ua ? { userAgent: ua } : {}),
    requestReceivedTimestamp: received,
    stageTimestamp: received,
  };
  if (attrs.resourceRequest) event.objectRef = objectRefOf(attrs);
  return event;
}

function objectRefOf(attrs: AuthorizationAttributes): ObjectReference {
  const ref: ObjectReference = {};
  if (attrs.resource) ref.resource = attrs.resource;
  if (attrs.namespace) ref.namespace = attrs.namespace;
  if (attrs.name) ref.name = attrs.name;
  if (attrs.apiGroup) ref.apiGroup = attrs.apiGroup;
  if (attrs.apiVersion) ref.apiVersion = attrs.apiVersion;
  if (attrs.subresource) ref.subresource = attrs.subresource;
  return ref;
}

/** The bounded fields of a Status response (LogResponseObject at Metadata level and above). */
export function responseStatusOf(code: number, obj: unknown): ResponseStatus {
  const rs: ResponseStatus = { metadata: {} };
  const s = obj as { kind?: string; status?: string; message?: string; reason?: string; details?: unknown } | undefined;
  if (s && typeof s === 'object' && s.kind === 'Status') {
    if (s.status) rs.status = s.status;
    if (s.message) rs.message = s.message;
    if (s.reason) rs.reason = s.reason;
    if (s.details !== undefined) rs.details = s.details;
  }
  rs.code = code;
  return rs;
}

/**
 * The event as one stage sends it: a fresh object (backends may buffer it while the request goes
 * on), with the bodies the level allows and kube's field order, so log lines read alike.
 */
export function eventForStage(ac: AuditContext, stage: Stage, extra: { impersonatedUser?: AuditUserInfo; annotations?: Record<string, string> }): Event {
  const ev = ac.event;
  const level = ev.level;
  const objectRef = objectRefWithRequestObject(ev.objectRef, ac.requestObjectMeta);
  const requestObject = levelAtLeast(level, 'Request') ? prune(ac.requestObject, ac.config.omitManagedFields) : undefined;
  const responseObject =
    levelAtLeast(level, 'RequestResponse') && stage !== 'RequestReceived' ? prune(ac.responseObject ?? parseJSON(ac.responseJSON), ac.config.omitManagedFields) : undefined;
  const received = ev.requestReceivedTimestamp;
  return {
    kind: 'Event',
    apiVersion: auditGroupVersion,
    level,
    auditID: ev.auditID,
    stage,
    requestURI: ev.requestURI,
    verb: ev.verb,
    user: ev.user,
    ...(extra.impersonatedUser ? { impersonatedUser: extra.impersonatedUser } : {}),
    ...(ev.sourceIPs ? { sourceIPs: ev.sourceIPs } : {}),
    ...(ev.userAgent ? { userAgent: ev.userAgent } : {}),
    ...(objectRef ? { objectRef } : {}),
    ...(stage !== 'RequestReceived' && ev.responseStatus ? { responseStatus: ev.responseStatus } : {}),
    ...(requestObject !== undefined ? { requestObject } : {}),
    ...(responseObject !== undefined ? { responseObject } : {}),
    requestReceivedTimestamp: received,
    stageTimestamp: stage === 'RequestReceived' ? received : formatMicroTime(nowMicros()),
    ...(extra.annotations && Object.keys(extra.annotations).length ? { annotations: { ...extra.annotations } } : {}),
  };
}

/** LogRequestObject fills what the URL did not say (a create's name, an update's uid and resourceVersion). */
function objectRefWithRequestObject(ref: ObjectReference | undefined, meta: RequestObjectMeta | undefined): ObjectReference | undefined {
  if (!ref || !meta) return ref;
  const out: ObjectReference = {};
  // Rebuilt in kube's field order.
  if (ref.resource) out.resource = ref.resource;
  const namespace = ref.namespace || meta.namespace;
  if (namespace) out.namespace = namespace;
  const name = ref.name || meta.name;
  if (name) out.name = name;
  if (meta.uid) out.uid = meta.uid;
  if (ref.apiGroup) out.apiGroup = ref.apiGroup;
  if (ref.apiVersion) out.apiVersion = ref.apiVersion;
  if (meta.resourceVersion) out.resourceVersion = meta.resourceVersion;
  if (ref.subresource) out.subresource = ref.subresource;
  return out;
}

function parseJSON(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * copyWithoutManagedFields: objects, list items and Table rows lose metadata.managedFields when the
 * rule says omitManagedFields; the served object itself is never touched.
 */
export function prune(obj: unknown, omitManagedFields: boolean): unknown {
  if (!omitManagedFields || obj === null || typeof obj !== 'object' || Array.isArray(obj)) return obj;
  const o = obj as { metadata?: Record<string, unknown>; items?: unknown[]; rows?: { object?: unknown }[]; kind?: string };
  let out: Record<string, unknown> = o as Record<string, unknown>;
  if (o.metadata && typeof o.metadata === 'object' && 'managedFields' in o.metadata) {
    const { managedFields: _dropped, ...metadata } = o.metadata;
    out = { ...out, metadata };
  }
  if (Array.isArray(o.items)) out = { ...out, items: o.items.map((i) => prune(i, true)) };
  if (o.kind === 'Table' && Array.isArray(o.rows)) out = { ...out, rows: o.rows.map((r) => (r?.object ? { ...r, object: prune(r.object, true) } : r)) };
  return out;
}
