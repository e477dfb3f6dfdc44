import { ColumnTableConvertor, nameColumn } from '@kapi/apiserver-core';
import { createdAtColumn } from '../common/table-columns';

/** kubectl get roles: NAME CREATED AT. */
export const roleTable = new ColumnTableConvertor([nameColumn, createdAtColumn]);
