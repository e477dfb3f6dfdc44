import type { CustomResourceDefinition, CustomResourceDefinitionCondition } from './types';

/** The annotation a CRD in a protected community group must carry (KEP-1111). */
export const kubeAPIApprovedAnnotation = 'api-approved.kubernetes.io';

export type APIApprovalState = 'Approved' | 'Bypassed' | 'Invalid' | 'Missing';

/** apihelpers.IsProtectedCommunityGroup: k8s.io and kubernetes.io, and their subdomains. */
export function isProtectedCommunityGroup(group: string): boolean {
  return group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');
}

/**
 * apihelpers.GetAPIApprovalState: missing, "unapproved…" (bypassed), a URL with scheme and host
 * (approved: the API review), anything else invalid — with kube's reason for each.
 */
export function getAPIApprovalState(annotations: Record<string, string> | undefined): { state: APIApprovalState; reason: string } {
  const annotation = annotations?.[kubeAPIApprovedAnnotation] ?? '';
  const see = 'see https://github.com/kubernetes/enhancements/pull/1111';
  if (annotation.length === 0) return { state: 'Missing', reason: `protected groups must have approval annotation "${kubeAPIApprovedAnnotation}", ${see}` };
  if (annotation.startsWith('unapproved')) return { state: 'Bypassed', reason: `not approved: ${JSON.stringify(annotation)}` };
  if (isURLWithSchemeAndHost(annotation)) return { state: 'Approved', reason: `approved in ${annotation}` };
  return {
    state: 'Invalid',
    reason: `protected groups must have approval annotation "${kubeAPIApprovedAnnotation}" with either a URL or a reason starting with "unapproved", ${see}`,
  };
}

/** url.ParseRequestURI succeeding with a scheme and a host. */
function isURLWithSchemeAndHost(s: string): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return u.protocol.length > 1 && u.host.length > 0;
  } catch {
    return false;
  }
}

/**
 * KubernetesAPIApprovalPolicyConformantConditionController.calculateCondition: the condition a CRD
 * of a protected group carries; none for other groups.
 */
export function apiApprovalCondition(crd: CustomResourceDefinition): CustomResourceDefinitionCondition | undefined {
  if (!isProtectedCommunityGroup(crd.spec?.group ?? '')) return undefined;
  const { state, reason } = getAPIApprovalState(crd.metadata?.annotations);
  const type = 'KubernetesAPIApprovalPolicyConformant';
  switch (state) {
    case 'Approved':
      return { type, status: 'True', reason: 'ApprovedAnnotation', message: reason };
    case 'Bypassed':
      return { type, status: 'False', reason: 'UnapprovedAnnotation', message: reason };
    case 'Missing':
      return { type, status: 'False', reason: 'MissingAnnotation', message: reason };
    default:
      return { type, status: 'False', reason: 'InvalidAnnotation', message: reason };
  }
}
