import { ageColumn, ColumnTableConvertor, nameColumn } from '@kapi/apiserver-core';
import { roleRefColumn, subjectColumns } from '../common/table-columns';

/** kubectl get rolebindings: NAME ROLE AGE, and USERS GROUPS SERVICEACCOUNTS with -o wide. */
export const roleBindingTable = new ColumnTableConvertor([nameColumn, roleRefColumn, ageColumn, ...subjectColumns('roleBinding')]);
