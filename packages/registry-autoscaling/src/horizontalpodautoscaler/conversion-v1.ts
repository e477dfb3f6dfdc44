import type { KObject, VersionConverter, J } from '@kapi/apiserver-core';
import { cpuUtilizationMetric, defaultCPUUtilization } from './defaults';
import { metricSpecFromV1, metricSpecToV1, metricStatusFromV1, metricStatusToV1 } from './metric-conversion-v1';

/** The annotations autoscaling/v1 keeps v2-only fields in, so that a round trip through v1 loses nothing. */
export const metricSpecsAnnotation = 'autoscaling.alpha.kubernetes.io/metrics';
export const metricStatusesAnnotation = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const conditionsAnnotation = 'autoscaling.alpha.kubernetes.io/conditions';
export const behaviorAnnotation = 'autoscaling.alpha.kubernetes.io/behavior';
const roundTripAnnotations = [metricSpecsAnnotation, metricStatusesAnnotation, conditionsAnnotation, behaviorAnnotation];

/** The v2 metric v1's targetCPUUtilizationPercentage stands for. */
const isCPUUtilization = (m: J) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.averageUtilization != null;

function withoutRoundTripAnnotations(obj: KObject): Record<string, string> | undefined {
  const annotations = obj.metadata?.annotations;
  if (!annotations || !roundTripAnnotations.some((a) => a in annotations)) return annotations;
  return Object.fromEntries(Object.entries(annotations).filter(([k]) => !roundTripAnnotations.includes(k)));
}

/**
 * The behavior annotation holds kube's internal struct, whose fields carry no JSON names
 * ("ScaleUp", "StabilizationWindowSeconds"); Go reads it back case-insensitively.
 */
function goCased(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(goCased);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k[0].toUpperCase() + k.slice(1), goCased(v)]));
}

function jsonCased(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonCased);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k[0].toLowerCase() + k.slice(1), jsonCased(v)]));
}

function behaviorForAnnotation(behavior: J): J {
  const rules = (r: J | undefined) =>
    r ? { stabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null, selectPolicy: r.selectPolicy ?? null, policies: r.policies ?? null } : null;
  return goCased({ scaleUp: rules(behavior.scaleUp), scaleDown: rules(behavior.scaleDown) }) as J;
}

/** An annotation that does not parse is ignored, as kube ignores it. */
function parsed(annotations: Record<string, string> | undefined, key: string): J | undefined {
  const text = annotations?.[key];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The stored (v2) HorizontalPodAutoscaler as autoscaling/v1 shows it. */
export function horizontalPodAutoscalerToV1(obj: KObject): KObject {
  const spec = (obj.spec ?? {}) as J;
  const status = obj.status as J | undefined;
  const metrics: J[] = spec.metrics ?? [];
  const cpu = metrics.find(isCPUUtilization);
  const annotations: Record<string, string> = { ...(withoutRoundTripAnnotations(obj) ?? {}) };
  const others = metrics.filter((m) => !isCPUUtilization(m));
  if (others.length) annotations[metricSpecsAnnotation] = JSON.stringify(others.map(metricSpecToV1));
  if (status?.currentMetrics?.length) annotations[metricStatusesAnnotation] = JSON.stringify(status.currentMetrics.map(metricStatusToV1));
  if (spec.behavior) annotations[behaviorAnnotation] = JSON.stringify(behaviorForAnnotation(spec.behavior));
  if (status?.conditions?.length) annotations[conditionsAnnotation] = JSON.stringify(status.conditions);
  const metadata: KObject['metadata'] = { ...obj.metadata, annotations };
  if (!Object.keys(annotations).length) delete metadata.annotations;
  const out: KObject = {
    ...obj,
    metadata,
    spec: compactSpec({
      scaleTargetRef: spec.scaleTargetRef,
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      targetCPUUtilizationPercentage: cpu?.resource.target.averageUtilization,
    }),
  };
  if (status) out.status = statusToV1(status);
  return out;
}

function compactSpec(spec: J): J {
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined));
}

function statusToV1(status: J): J {
  const cpu = (status.currentMetrics ?? []).find((m: J) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.current?.averageUtilization != null);
  return compactSpec({
    observedGeneration: status.observedGeneration,
    lastScaleTime: status.lastScaleTime,
    currentReplicas: status.currentReplicas ?? 0,
    desiredReplicas: status.desiredReplicas ?? 0,
    currentCPUUtilizationPercentage: cpu?.resource.current.averageUtilization,
  });
}

/** An autoscaling/v1 HorizontalPodAutoscaler in the stored (v2) form, its annotations folded back into fields. */
export function horizontalPodAutoscalerFromV1(obj: KObject): KObject {
  const spec = (obj.spec ?? {}) as J;
  const annotations = obj.metadata?.annotations;
  const out: J = { scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas };
  let metrics: J[] = spec.targetCPUUtilizationPercentage != null ? [cpuUtilizationMetric(spec.targetCPUUtilizationPercentage)] : [];
  const others = parsed(annotations, metricSpecsAnnotation);
  if (Array.isArray(others)) metrics = [...others.map(metricSpecFromV1), ...metrics];
  const behavior = jsonCased(parsed(annotations, behaviorAnnotation)) as J | undefined;
  if (behavior && typeof behavior === 'object' && (behavior.scaleUp || behavior.scaleDown))
    out.behavior = compactSpec({ scaleUp: behavior.scaleUp ?? undefined, scaleDown: behavior.scaleDown ?? undefined });
  out.metrics = metrics.length ? metrics : [cpuUtilizationMetric(defaultCPUUtilization)];
  const result: KObject = { ...obj, spec: compactSpec(out) };
  const remaining = withoutRoundTripAnnotations(obj);
  result.metadata = { ...obj.metadata, annotations: remaining };
  if (!remaining || !Object.keys(remaining).length) delete result.metadata.annotations;
  if (obj.status) result.status = statusFromV1(obj.status as J, annotations);
  return result;
}

function statusFromV1(status: J, annotations: Record<string, string> | undefined): J {
  const out: J = compactSpec({
    observedGeneration: status.observedGeneration,
    lastScaleTime: status.lastScaleTime,
    currentReplicas: status.currentReplicas || undefined,
    desiredReplicas: status.desiredReplicas ?? 0,
  });
  out.currentMetrics =
    status.currentCPUUtilizationPercentage != null
      ? [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } }]
      : null;
  const current = parsed(annotations, metricStatusesAnnotation);
  if (Array.isArray(current)) out.currentMetrics = current.map(metricStatusFromV1);
  const conditions = parsed(annotations, conditionsAnnotation);
  if (Array.isArray(conditions)) out.conditions = conditions;
  return out;
}

/** autoscaling/v1 served from the v2 storage version. */
export const horizontalPodAutoscalerV1: VersionConverter = {
  toStorage: horizontalPodAutoscalerFromV1,
  fromStorage: horizontalPodAutoscalerToV1,
};
