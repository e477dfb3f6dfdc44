import { ageColumn, ColumnTableConvertor, nameColumn, type KObject } from '@kapi/apiserver-core';

interface DeploymentStatus {
  readyReplicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
}

const status = (o: KObject) => (o.status ?? {}) as DeploymentStatus;
const replicas = (o: KObject) => ((o.spec as { replicas?: number } | undefined)?.replicas ?? 1);
const containers = (o: KObject) =>
  ((o.spec as { template?: { spec?: { containers?: { name: string; image: string }[] } } } | undefined)?.template?.spec?.containers ?? []);

/** kubectl get deployments: NAME READY UP-TO-DATE AVAILABLE AGE (+ CONTAINERS IMAGES SELECTOR with -o wide). */
export const deploymentTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Ready', cell: (o) => `${status(o).readyReplicas ?? 0}/${replicas(o)}` },
  { name: 'Up-to-date', type: 'integer', cell: (o) => status(o).updatedReplicas ?? 0 },
  { name: 'Available', type: 'integer', cell: (o) => status(o).availableReplicas ?? 0 },
  ageColumn,
  { name: 'Containers', priority: 1, cell: (o) => containers(o).map((c) => c.name).join(',') },
  { name: 'Images', priority: 1, cell: (o) => containers(o).map((c) => c.image).join(',') },
  {
    name: 'Selector',
    priority: 1,
    cell: (o) => Object.entries((o.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(','),
  },
]);
