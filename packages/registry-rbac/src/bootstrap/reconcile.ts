import type { LabelSelectorSpec } from '../common/types';
import type { BindingObject, ClusterRoleObject, PolicyRule, Subject } from '../common/types';
import { covers } from '../rules/covers';
import { AutoUpdateAnnotation } from './policy-objects';
import { semanticEqual } from '@kapi/apiserver-core';

/**
 * The reconciliation of pkg/registry/rbac/reconciliation, as the bootstrap policy and
 * `kubectl auth reconcile` use it: missing rules, selectors, subjects, labels and annotations are
 * added, nothing is taken away (unless asked to remove extras), and an object annotated
 * `rbac.authorization.kubernetes.io/autoupdate: "false"` is left as its owner wrote it.
 */
export type ReconcileOperation = 'None' | 'Create' | 'Update' | 'Recreate';

export interface RoleReconcileResult<T> {
  operation: ReconcileOperation;
  /** autoupdate is "false": report, change nothing. */
  protected: boolean;
  object: T;
  missingRules: PolicyRule[];
  extraRules: PolicyRule[];
}

/** merge(expected, existing): existing values win, expected keys are added. */
function mergeMaps(expected: Record<string, string> | undefined, existing: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!expected && !existing) return undefined;
  return { ...expected, ...existing };
}

/** Labels and annotations of `expected` merged into a copy of `existing`; true when that changed it. */
function mergeMetadata<T extends ClusterRoleObject | BindingObject>(existing: T, expected: T): { copy: T; changed: boolean } {
  const copy = structuredClone(existing);
  const meta = (copy.metadata ??= {});
  const annotations = mergeMaps(expected.metadata?.annotations, existing.metadata?.annotations);
  const labels = mergeMaps(expected.metadata?.labels, existing.metadata?.labels);
  if (annotations) meta.annotations = annotations;
  if (labels) meta.labels = labels;
  const changed = !semanticEqual(annotations ?? {}, existing.metadata?.annotations ?? {}) || !semanticEqual(labels ?? {}, existing.metadata?.labels ?? {});
  return { copy, changed };
}

export function isProtected(obj: ClusterRoleObject | BindingObject): boolean {
  return obj.metadata?.annotations?.[AutoUpdateAnnotation] === 'false';
}

/** The selectors of `want` that `have` lacks (compared as values). */
function missingSelectors(have: LabelSelectorSpec[] | undefined, want: LabelSelectorSpec[] | undefined): LabelSelectorSpec[] {
  return (want ?? []).filter((w) => !(have ?? []).some((h) => semanticEqual(h, w)));
}

/** computeReconciledRole: for Roles and ClusterRoles alike (a Role has no aggregationRule). */
export function reconcileRole<T extends ClusterRoleObject>(existing: T | undefined, expected: T, removeExtraPermissions = false): RoleReconcileResult<T> {
  if (!existing) {
    return { operation: 'Create', protected: false, object: structuredClone(expected), missingRules: expected.rules ?? [], extraRules: [] };
  }
  const { copy, changed } = mergeMetadata(existing, expected);
  let operation: ReconcileOperation = changed ? 'Update' : 'None';
  const expectedRules = expected.rules ?? [];
  const existingRules = existing.rules ?? [];
  // Two aggregated roles have their rules written by the aggregation controller: no extras to report.
  const extraRules = expected.aggregationRule && existing.aggregationRule ? [] : covers(expectedRules, existingRules).missing;
  const missingRules = covers(existingRules, expectedRules).missing;
  if (!removeExtraPermissions && missingRules.length > 0) {
    copy.rules = [...existingRules, ...missingRules];
    operation = 'Update';
  } else if (removeExtraPermissions && (missingRules.length > 0 || extraRules.length > 0)) {
    copy.rules = structuredClone(expectedRules);
    operation = 'Update';
  }
  const wantSelectors = expected.aggregationRule?.clusterRoleSelectors;
  const haveSelectors = existing.aggregationRule?.clusterRoleSelectors;
  const missing = missingSelectors(haveSelectors, wantSelectors);
  const extra = missingSelectors(wantSelectors, haveSelectors);
  if (!expected.aggregationRule && existing.aggregationRule) {
    delete copy.aggregationRule;
    operation = 'Update';
  } else if (!removeExtraPermissions && missing.length > 0) {
    copy.aggregationRule = { clusterRoleSelectors: [...(haveSelectors ?? []), ...missing] };
    operation = 'Update';
  } else if (removeExtraPermissions && (missing.length > 0 || extra.length > 0)) {
    copy.aggregationRule = structuredClone(expected.aggregationRule);
    operation = 'Update';
  }
  return { operation, protected: isProtected(existing), object: copy, missingRules, extraRules };
}

export interface BindingReconcileResult {
  operation: ReconcileOperation;
  protected: boolean;
  object: BindingObject;
  missingSubjects: Subject[];
  extraSubjects: Subject[];
}

const sameSubject = (a: Subject, b: Subject) => a.kind === b.kind && (a.apiGroup ?? '') === (b.apiGroup ?? '') && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');

/** computeReconciledRoleBinding: a binding to another role is recreated (roleRef is immutable), else subjects are added. */
export function reconcileBinding(existing: BindingObject | undefined, expected: BindingObject, removeExtraSubjects = false): BindingReconcileResult {
  const want = expected.subjects ?? [];
  if (!existing) return { operation: 'Create', protected: false, object: structuredClone(expected), missingSubjects: want, extraSubjects: [] };
  const isProt = isProtected(existing);
  if (!semanticEqual(existing.roleRef, expected.roleRef)) {
    return { operation: 'Recreate', protected: isProt, object: structuredClone(expected), missingSubjects: want, extraSubjects: [] };
  }
  const { copy, changed } = mergeMetadata(existing, expected);
  let operation: ReconcileOperation = changed ? 'Update' : 'None';
  const have = existing.subjects ?? [];
  const missingSubjects = want.filter((s) => !have.some((h) => sameSubject(h, s)));
  const extraSubjects = have.filter((h) => !want.some((s) => sameSubject(h, s)));
  if (!removeExtraSubjects && missingSubjects.length > 0) {
    copy.subjects = [...have, ...missingSubjects];
    operation = 'Update';
  } else if (removeExtraSubjects && (missingSubjects.length > 0 || extraSubjects.length > 0)) {
    copy.subjects = structuredClone(want);
    operation = 'Update';
  }
  return { operation, protected: isProt, object: copy, missingSubjects, extraSubjects };
}
