import { BindingStrategy } from '../common/binding-strategy';

/** pkg/registry/rbac/rolebinding/strategy.go. */
export const roleBindingStrategy = new BindingStrategy('RoleBinding');
