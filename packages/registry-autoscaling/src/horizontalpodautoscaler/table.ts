import type { KObject, TableColumn, J } from '@kapi/apiserver-core';

const shownTargets = 2;
const percent = (v: unknown) => (v === undefined || v === null ? undefined : `${v}%`);

/** One metric as kubectl shows it, current value first ("cpu: 40%/80%", "<unknown>/1k"). */
function formatMetric(spec: J, status: J | undefined): string {
  const current = (v: unknown) => (v === undefined || v === null ? '<unknown>' : String(v));
  switch (spec.type) {
    case 'External':
    case 'Object': {
      const key = spec.type === 'External' ? 'external' : 'object';
      const target = spec[key]?.target ?? {};
      const now = status?.[key]?.current;
      if (target.averageValue !== undefined) return `${current(now?.averageValue)}/${target.averageValue} (avg)`;
      return `${current(now?.value)}/${target.value}`;
    }
    case 'Pods':
      return `${current(status?.pods?.current?.averageValue)}/${spec.pods?.target?.averageValue}`;
    case 'Resource':
    case 'ContainerResource': {
      const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
      const src = spec[key] ?? {};
      const now = status?.[key]?.current;
      if (src.target?.averageValue !== undefined) return `${src.name}: ${current(now?.averageValue)}/${src.target.averageValue}`;
      return `${src.name}: ${percent(now?.averageUtilization) ?? '<unknown>'}/${percent(src.target?.averageUtilization) ?? '<auto>'}`;
    }
    default:
      return '<unknown type>';
  }
}

/** formatHPAMetrics: the first two metrics, then how many more. */
export function formatTargets(hpa: KObject): string {
  const specs: J[] = (hpa.spec as J | undefined)?.metrics ?? [];
  if (!specs.length) return '<none>';
  const statuses: J[] = (hpa.status as J | undefined)?.currentMetrics ?? [];
  const all = specs.map((s, i) => formatMetric(s, statuses[i]));
  const shown = all.slice(0, shownTargets).join(', ');
  return all.length > shownTargets ? `${shown} + ${all.length - shownTargets} more...` : shown;
}

/** kubectl get hpa: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE (printHorizontalPodAutoscaler). */
export const horizontalPodAutoscalerTable: TableColumn[] = [
  {
    name: 'Reference',
    description:
      'reference to scaled resource; horizontal pod autoscaler will learn the current resource consumption and will set the desired number of pods by using its Scale subresource.',
    cell: (o) => `${(o.spec as J | undefined)?.scaleTargetRef?.kind ?? ''}/${(o.spec as J | undefined)?.scaleTargetRef?.name ?? ''}`,
  },
  { name: 'Targets', description: 'metrics contains the specifications for which to use to calculate the desired replica count.', cell: formatTargets },
  {
    name: 'MinPods',
    description: 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.',
    cell: (o) => String((o.spec as J | undefined)?.minReplicas ?? '<unset>'),
  },
  {
    name: 'MaxPods',
    description: 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.',
    cell: (o) => Number((o.spec as J | undefined)?.maxReplicas ?? 0),
  },
  {
    name: 'Replicas',
    description: 'currentReplicas is current number of replicas of pods managed by this autoscaler.',
    cell: (o) => Number((o.status as J | undefined)?.currentReplicas ?? 0),
  },
];
