import type { ErrorList } from '@kapi/apiserver-core';
import type { ClusterRoleObject } from '../common/types';
import { validateAggregationRule, validateRules } from '../common/validation';

/** ValidateClusterRole: cluster-wide rules (URLs allowed) and a well-formed aggregationRule. */
export function validateClusterRole(role: ClusterRoleObject): ErrorList {
  return [...validateRules(role.rules, false), ...validateAggregationRule(role.aggregationRule)];
}
