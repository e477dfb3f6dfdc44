import type { RequestInfo } from '@kapi/apiserver-core';

/** Which API requests a fault applies to; an unset field matches anything (as an RBAC rule's "*"). */
export interface RequestMatch {
  /** Kubernetes verbs: get, list, watch, create, update, patch, delete, deletecollection. */
  verbs?: string[];
  /** The resource ("configmaps"), optionally with its subresource ("deployments/status"). */
  resource?: string;
  /** The API group ("" for the core group; unset: any group). */
  group?: string;
  namespace?: string;
  name?: string;
}

export function matches(m: RequestMatch, info: RequestInfo): boolean {
  if (m.verbs && !m.verbs.includes(info.verb)) return false;
  if (m.group !== undefined && m.group !== info.apiGroup) return false;
  if (m.namespace !== undefined && m.namespace !== info.namespace) return false;
  if (m.name !== undefined && m.name !== info.name) return false;
  if (m.resource !== undefined) {
    const [resource, subresource = ''] = m.resource.split('/');
    if (resource !== info.resource || subresource !== info.subresource) return false;
  }
  return true;
}
