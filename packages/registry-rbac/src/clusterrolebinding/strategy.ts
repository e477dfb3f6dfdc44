import { BindingStrategy } from '../common/binding-strategy';

/** pkg/registry/rbac/clusterrolebinding/strategy.go. */
export const clusterRoleBindingStrategy = new BindingStrategy('ClusterRoleBinding');
