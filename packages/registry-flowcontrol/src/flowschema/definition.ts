import { ageColumn, type KObject, type RequestContext, type ResourceDefinition, type TableColumn } from '@kapi/apiserver-core';
import { setFlowSchemaDefaults } from './defaults';
import type { FlowSchema } from './types';
import { validateFlowSchema, validateFlowSchemaStatus } from './validation';

const fs = (o: KObject) => o as FlowSchema;
const validate = (_ctx: RequestContext, obj: KObject) => validateFlowSchema(fs(obj));

/** The Dangling condition the configuration controller writes; "?" until it has. */
function missingPriorityLevel(o: KObject): string {
  return fs(o).status?.conditions?.find((c) => c.type === 'Dangling')?.status ?? '?';
}

/** kubectl get flowschemas: NAME PRIORITYLEVEL MATCHINGPRECEDENCE DISTINGUISHERMETHOD AGE MISSINGPL (AGE before the last, as kube prints it). */
const table: TableColumn[] = [
  { name: 'PriorityLevel', description: 'The priority level matching requests go to.', cell: (o) => fs(o).spec?.priorityLevelConfiguration?.name ?? '' },
  { name: 'MatchingPrecedence', description: 'Lower values are tried first.', cell: (o) => fs(o).spec?.matchingPrecedence ?? 0 },
  { name: 'DistinguisherMethod', description: 'How requests are split into flows.', cell: (o) => fs(o).spec?.distinguisherMethod?.type ?? '<none>' },
  ageColumn,
  { name: 'MissingPL', description: 'Whether the priority level the schema names is missing.', cell: missingPriorityLevel },
];

/** flowcontrol.apiserver.k8s.io/v1 flowschemas (+status): cluster-scoped, generation follows the spec. */
export const flowSchemaDefinition: ResourceDefinition = {
  group: 'flowcontrol.apiserver.k8s.io',
  version: 'v1',
  kind: 'FlowSchema',
  plural: 'flowschemas',
  scope: 'Cluster',
  strategy: {
    prepareForCreate: (_ctx, obj) => {
      // kube serializes the empty status struct as {}.
      obj.status = {};
      setFlowSchemaDefaults(fs(obj));
    },
    prepareForUpdate: (_ctx, obj) => setFlowSchemaDefaults(fs(obj)),
    validate,
    validateUpdate: validate,
  },
  status: { validateUpdate: (_ctx, obj) => validateFlowSchemaStatus(fs(obj)) },
  generation: true,
  table,
};
