import { ageColumn, ColumnTableConvertor, nameColumn, type KObject } from '@kapi/apiserver-core';

/** "<kind>.<group>/<name>" of the controlling owner, as kubectl prints it; "<none>" without one. */
function controllerOf(o: KObject): string {
  const ref = o.metadata?.ownerReferences?.find((r) => r.controller);
  if (!ref) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  return `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}`;
}

/** kubectl get controllerrevisions: NAME CONTROLLER REVISION AGE. */
export const controllerRevisionTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Controller', description: 'Controller of the object', cell: controllerOf },
  { name: 'Revision', type: 'integer', description: 'Revision indicates the revision of the state represented by Data.', cell: (o) => (o.revision as number | undefined) ?? 0 },
  ageColumn,
]);
