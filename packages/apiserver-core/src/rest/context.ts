import type { UserInfo } from '../authentication/user';
import type { GroupVersionResource } from '../runtime/object';

/** What the handler knows of a request (endpoints/request.RequestInfo). */
export interface RequestInfo {
  verb: string;
  apiPrefix: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

/** The request context handed to every REST method (Go's ctx with namespace, user and request info). */
export interface RequestContext {
  namespace?: string;
  requestInfo?: RequestInfo;
  gvr?: GroupVersionResource;
  userAgent?: string;
  /** The (possibly impersonated) user making the request; undefined on an unauthenticated server. */
  user?: UserInfo;
  /** Warnings to return in `Warning` headers (k8s.io/apiserver/pkg/warning). */
  warnings?: string[];
  /** Aborted when the client goes away or the request times out. */
  signal?: AbortSignal;
  /** Adds annotations to the request's audit event (admission plugins and webhooks record their decisions there). */
  addAuditAnnotations?: (annotations: Record<string, string>) => void;
}

export function addWarning(ctx: RequestContext, message: string): void {
  (ctx.warnings ??= []).push(message);
}
