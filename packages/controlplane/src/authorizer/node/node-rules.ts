import type { AuthorizationAttributes } from '@kapi/apiserver-core';

/** One rule of the static node policy: verbs on group resources ("pods/status" names a subresource). */
export interface NodeRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
}

const read = ['get', 'list', 'watch'];
const rule = (verbs: string[], apiGroups: string[], resources: string[]): NodeRule => ({ verbs, apiGroups, resources });

/**
 * bootstrappolicy.NodeRules (the system:node role, kube 1.32 with default feature gates): what any
 * node may do to resources the Node authorizer does not subdivide by graph.
 */
export const nodeRules: readonly NodeRule[] = [
  rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
  rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews', 'localsubjectaccessreviews']),
  rule(read, [''], ['services']),
  rule(['create', 'get', 'list', 'watch'], [''], ['nodes']),
  rule(['update', 'patch'], [''], ['nodes/status']),
  rule(['update', 'patch'], [''], ['nodes']),
  rule(['create', 'update', 'patch'], [''], ['events']),
  rule(read, [''], ['pods']),
  rule(['create', 'delete'], [''], ['pods']),
  rule(['update', 'patch'], [''], ['pods/status']),
  rule(['create'], [''], ['pods/eviction']),
  rule(['get', 'list', 'watch'], [''], ['secrets', 'configmaps']),
  rule(['get'], [''], ['persistentvolumeclaims', 'persistentvolumes']),
  rule(['get'], [''], ['endpoints']),
  rule(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests']),
  rule(['get', 'create', 'update', 'patch', 'delete'], ['coordination.k8s.io'], ['leases']),
  rule(['get'], ['storage.k8s.io'], ['volumeattachments']),
  rule(['create'], [''], ['serviceaccounts/token']),
  rule(['get', 'update', 'patch'], [''], ['persistentvolumeclaims/status']),
  rule(['get', 'watch', 'list'], ['storage.k8s.io'], ['csidrivers']),
  rule(['get', 'create', 'update', 'patch', 'delete'], ['storage.k8s.io'], ['csinodes']),
  rule(['get', 'list', 'watch'], ['node.k8s.io'], ['runtimeclasses']),
];

/** rbac.RulesAllow for resource rules: verb, group and resource (with its subresource) all match. */
export function rulesAllow(attrs: AuthorizationAttributes, rules: readonly NodeRule[]): boolean {
  if (!attrs.resourceRequest) return false;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : (attrs.resource ?? '');
  return rules.some((r) => r.verbs.includes(attrs.verb) && r.apiGroups.includes(attrs.apiGroup ?? '') && r.resources.includes(resource));
}
