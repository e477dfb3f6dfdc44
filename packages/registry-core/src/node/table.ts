import { ageColumn, ColumnTableConvertor, nameColumn, type KObject, type J } from '@kapi/apiserver-core';

/** Ready/NotReady/Unknown from the Ready condition, plus SchedulingDisabled (printNode). */
function nodeStatus(o: KObject): string {
  const ready = (((o.status as J | undefined)?.conditions ?? []) as J[]).find((c) => c.type === 'Ready');
  const out = [ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown'];
  if ((o.spec as J | undefined)?.unschedulable) out.push('SchedulingDisabled');
  return out.join(',');
}

function nodeRoles(o: KObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function address(o: KObject, type: string): string {
  return (((o.status as J | undefined)?.addresses ?? []) as J[]).find((a) => a.type === type)?.address ?? '<none>';
}

const info = (o: KObject, k: string): string => String((o.status as J | undefined)?.nodeInfo?.[k] ?? '');

/** kubectl get nodes: NAME STATUS ROLES AGE VERSION (+ addresses and node info with -o wide). */
export const nodeTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Status', description: 'The status of the node', cell: nodeStatus },
  { name: 'Roles', description: 'The roles of the node', cell: nodeRoles },
  ageColumn,
  { name: 'Version', description: 'Kubelet Version reported by the node.', cell: (o) => info(o, 'kubeletVersion') },
  { name: 'Internal-IP', priority: 1, description: 'List of addresses reachable to the node. Queried from cloud provider, if available.', cell: (o) => address(o, 'InternalIP') },
  { name: 'External-IP', priority: 1, description: 'List of addresses reachable to the node. Queried from cloud provider, if available.', cell: (o) => address(o, 'ExternalIP') },
  {
    name: 'OS-Image',
    priority: 1,
    description: 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
    cell: (o) => info(o, 'osImage') || '<unknown>',
  },
  {
    name: 'Kernel-Version',
    priority: 1,
    description: "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
    cell: (o) => info(o, 'kernelVersion') || '<unknown>',
  },
  {
    name: 'Container-Runtime',
    priority: 1,
    description: 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
    cell: (o) => info(o, 'containerRuntimeVersion') || '<unknown>',
  },
]);
