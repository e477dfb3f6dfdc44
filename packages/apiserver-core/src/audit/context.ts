import type { RequestAuditConfig } from './checker';
import { levelAtLeast, type Event } from './types';

/** What LogRequestObject reads of the request object's metadata for objectRef. */
export interface RequestObjectMeta {
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
}

/**
 * audit.AuditContext: the event of one request while it is served. Handlers and filters deeper in
 * the chain only hand it what they have (the decoded request object, the object they answer with,
 * annotations); the audit filter decides at each stage what the level lets into the event.
 */
export interface AuditContext {
  config: RequestAuditConfig;
  event: Event;
  /** The decoded body (create, update), the patch (patch) or DeleteOptions (delete). */
  requestObject?: unknown;
  requestObjectMeta?: RequestObjectMeta;
  /** The object written back, or its JSON text when the handler wrote cached bytes. */
  responseObject?: unknown;
  responseJSON?: string;
  /** Added by later filters (authorization's decision and reason); every stage after carries them. */
  annotations?: Record<string, string>;
  /** Set by the filter for long-running requests: restores the response writer; true when ResponseStarted is still owed. */
  onComplete?: () => boolean;
}

type State = Record<string, unknown>;

/** The request's audit context; undefined when the request is not audited (no policy, or level None). */
export function auditContextOf(state: State): AuditContext | undefined {
  return state.audit as AuditContext | undefined;
}

/** audit.LogRequestObject / LogRequestPatch. */
export function logRequestObject(state: State, obj: unknown): void {
  const ac = auditContextOf(state);
  if (!ac) return;
  // The handler goes on to default and fill the object it decoded (uid, managedFields): the event
  // keeps it as the client sent it, copied only when the level records bodies.
  const meta = (obj as { metadata?: RequestObjectMeta } | undefined)?.metadata;
  if (meta && typeof meta === 'object') {
    ac.requestObjectMeta = { namespace: meta.namespace, name: meta.name, uid: meta.uid, resourceVersion: meta.resourceVersion };
  }
  ac.requestObject = levelAtLeast(ac.event.level, 'Request') ? structuredClone(obj) : undefined;
}

/** audit.LogResponseObject, called where responses are written (writeObject, writeRaw). */
export function logResponseObject(state: State, obj: unknown): void {
  const ac = auditContextOf(state);
  if (!ac) return;
  ac.responseObject = obj;
  ac.responseJSON = undefined;
}

export function logResponseJSON(state: State, json: string): void {
  const ac = auditContextOf(state);
  if (!ac) return;
  ac.responseJSON = json;
  ac.responseObject = undefined;
}

/** audit.AddAuditAnnotations: a no-op for a request that is not audited, as in kube. */
export function addAuditAnnotations(state: State, annotations: Record<string, string>): void {
  const ac = auditContextOf(state);
  if (ac) ac.annotations = { ...ac.annotations, ...annotations };
}
