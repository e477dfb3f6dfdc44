import type { KObject, RequestContext, ResourceDefinition, TableColumn } from '@kapi/apiserver-core';
import { setPriorityLevelDefaults } from './defaults';
import type { PriorityLevelConfiguration } from './types';
import { validatePriorityLevel, validatePriorityLevelStatus } from './validation';

const pl = (o: KObject) => o as PriorityLevelConfiguration;
const validate = (_ctx: RequestContext, obj: KObject) => validatePriorityLevel(pl(obj));
/** A limited level's numbers; "<none>" for an exempt level or one that rejects instead of queuing. */
const queuing = (o: KObject) => pl(o).spec?.limited?.limitResponse?.queuing;
const none = (v: number | undefined) => v ?? '<none>';

/** kubectl get prioritylevelconfigurations: NAME TYPE NOMINALCONCURRENCYSHARES QUEUES HANDSIZE QUEUELENGTHLIMIT AGE. */
const table: TableColumn[] = [
  { name: 'Type', description: 'Exempt or Limited.', cell: (o) => pl(o).spec?.type ?? '' },
  { name: 'NominalConcurrencyShares', description: "The level's share of the server's concurrency.", cell: (o) => none(pl(o).spec?.limited?.nominalConcurrencyShares) },
  { name: 'Queues', description: 'How many queues the level shuffles flows into.', cell: (o) => none(queuing(o)?.queues) },
  { name: 'HandSize', description: 'How many queues a flow may use.', cell: (o) => none(queuing(o)?.handSize) },
  { name: 'QueueLengthLimit', description: 'How many requests a queue holds.', cell: (o) => none(queuing(o)?.queueLengthLimit) },
];

/** flowcontrol.apiserver.k8s.io/v1 prioritylevelconfigurations (+status): cluster-scoped, generation follows the spec. */
export const priorityLevelDefinition: ResourceDefinition = {
  group: 'flowcontrol.apiserver.k8s.io',
  version: 'v1',
  kind: 'PriorityLevelConfiguration',
  plural: 'prioritylevelconfigurations',
  scope: 'Cluster',
  strategy: {
    prepareForCreate: (_ctx, obj) => {
      // kube serializes the empty status struct as {}.
      obj.status = {};
      setPriorityLevelDefaults(pl(obj));
    },
    prepareForUpdate: (_ctx, obj) => setPriorityLevelDefaults(pl(obj)),
    validate,
    validateUpdate: validate,
  },
  status: { validateUpdate: (_ctx, obj) => validatePriorityLevelStatus(pl(obj)) },
  generation: true,
  table,
};
