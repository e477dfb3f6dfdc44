import type { KObject, J } from '@kapi/apiserver-core';

/** The CPU target an HPA without metrics gets (autoscaling.DefaultCPUUtilization). */
export const defaultCPUUtilization = 80;

export function cpuUtilizationMetric(averageUtilization: number): J {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } } };
}

const scaleUpRules = (): J => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});

const scaleDownRules = (): J => ({
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
});

/** A rule set the client gave replaces the default field by field (copyHPAScalingRules). */
function withDefaults(rules: J | undefined, defaults: J): J {
  if (!rules) return defaults;
  for (const key of ['selectPolicy', 'stabilizationWindowSeconds', 'policies']) {
    if (rules[key] !== undefined && rules[key] !== null) defaults[key] = rules[key];
  }
  return defaults;
}

/** autoscaling/v2 SetDefaults_HorizontalPodAutoscaler: minReplicas 1, CPU at 80% when no metric, both behavior rule sets once behavior is given. */
export function setHorizontalPodAutoscalerDefaults(hpa: KObject): void {
  const spec = (hpa.spec ??= {}) as J;
  spec.minReplicas ??= 1;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) spec.metrics = [cpuUtilizationMetric(defaultCPUUtilization)];
  if (spec.behavior) {
    spec.behavior.scaleUp = withDefaults(spec.behavior.scaleUp, scaleUpRules());
    spec.behavior.scaleDown = withDefaults(spec.behavior.scaleDown, scaleDownRules());
  }
}
