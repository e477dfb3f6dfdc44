import { ageColumn, ColumnTableConvertor, nameColumn } from '@kapi/apiserver-core';
import { roleRefColumn, subjectColumns } from '../common/table-columns';

/** kubectl get clusterrolebindings: NAME ROLE AGE, and USERS GROUPS SERVICEACCOUNTS with -o wide. */
export const clusterRoleBindingTable = new ColumnTableConvertor([nameColumn, roleRefColumn, ageColumn, ...subjectColumns('clusterRoleBinding')]);
