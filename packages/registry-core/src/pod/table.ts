import { ageColumn, ColumnTableConvertor, nameColumn, type KObject, type J } from '@kapi/apiserver-core';

/** The STATUS kubectl shows: a waiting/terminated container's reason beats the pod phase (printPod). */
export function podStatusReason(pod: KObject): string {
  const status = (pod.status ?? {}) as J;
  let reason: string = status.reason || status.phase || '';
  for (const cs of (status.containerStatuses ?? []) as J[]) {
    if (cs.state?.waiting?.reason) reason = cs.state.waiting.reason;
    else if (cs.state?.terminated?.reason) reason = cs.state.terminated.reason;
  }
  if (pod.metadata?.deletionTimestamp) reason = 'Terminating';
  return reason;
}

function readyCell(pod: KObject): string {
  const containers = ((pod.spec as J | undefined)?.containers ?? []) as J[];
  const statuses = ((pod.status as J | undefined)?.containerStatuses ?? []) as J[];
  return `${statuses.filter((s) => s.ready).length}/${containers.length}`;
}

function restartsCell(pod: KObject): number {
  return (((pod.status as J | undefined)?.containerStatuses ?? []) as J[]).reduce((n, s) => n + (s.restartCount ?? 0), 0);
}

/** kubectl get pods: NAME READY STATUS RESTARTS AGE (+ IP NODE NOMINATED NODE READINESS GATES with -o wide). */
export const podTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Ready', description: 'The aggregate readiness state of this pod for accepting traffic.', cell: readyCell },
  { name: 'Status', description: 'The aggregate status of the containers in this pod.', cell: podStatusReason },
  {
    name: 'Restarts',
    type: 'string',
    description: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    cell: (o) => String(restartsCell(o)),
  },
  ageColumn,
  {
    name: 'IP',
    priority: 1,
    description: 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
    cell: (o) => (o.status as J | undefined)?.podIP || '<none>',
  },
  { name: 'Node', priority: 1, description: 'NodeName is a request to schedule this pod onto a specific node.', cell: (o) => (o.spec as J | undefined)?.nodeName || '<none>' },
  {
    name: 'Nominated Node',
    priority: 1,
    description: 'nominatedNodeName is set only when this pod preempts other pods on the node.',
    cell: (o) => (o.status as J | undefined)?.nominatedNodeName || '<none>',
  },
  {
    name: 'Readiness Gates',
    priority: 1,
    description: 'If specified, all readiness gates will be evaluated for pod readiness.',
    cell: (o) => {
      const gates = ((o.spec as J | undefined)?.readinessGates ?? []) as J[];
      return gates.length ? `0/${gates.length}` : '<none>';
    },
  },
]);
