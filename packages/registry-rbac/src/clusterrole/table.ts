import { ColumnTableConvertor, nameColumn } from '@kapi/apiserver-core';
import { createdAtColumn } from '../common/table-columns';

/** kubectl get clusterroles: NAME CREATED AT. */
export const clusterRoleTable = new ColumnTableConvertor([nameColumn, createdAtColumn]);
