import type { ErrorList } from '@kapi/apiserver-core';
import type { RoleObject } from '../common/types';
import { validateRules } from '../common/validation';

/** ValidateRole (and ValidateRoleUpdate, which adds only the metadata rules the Store checks): namespaced rules, so no URLs. */
export function validateRole(role: RoleObject): ErrorList {
  return validateRules(role.rules, true);
}
