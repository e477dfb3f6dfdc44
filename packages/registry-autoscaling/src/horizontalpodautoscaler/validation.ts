import { field, isDNS1123Label, Path, type ErrorList, type KObject, type J } from '@kapi/apiserver-core';
import { parseQuantity } from '@kapi/registry-core';
import { validateNonnegative } from '@kapi/registry-apps';

const maxPeriodSeconds = 1800;
const maxStabilizationWindowSeconds = 3600;
const metricSourceTypes = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
/** The member of a MetricSpec each source type fills. */
const sourceField: Record<string, string> = { Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource' };

/** IsValidPathSegmentName: the name becomes a URL path segment. */
function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

function validateCrossVersionObjectReference(ref: J | undefined, path: Path): ErrorList {
  const errs: ErrorList = [];
  for (const key of ['kind', 'name']) {
    const value = ref?.[key];
    if (!value) errs.push(field.required(path.child(key), ''));
    else for (const msg of pathSegmentErrors(value)) errs.push(field.invalid(path.child(key), value, msg));
  }
  return errs;
}

const positive = (q: unknown) => (parseQuantity(q) ?? 0) > 0;

function validateMetricTarget(t: J, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (!t.type) errs.push(field.required(path.child('type'), 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(t.type)) {
    errs.push(field.invalid(path.child('type'), t.type ?? '', 'must be either Utilization, Value, or AverageValue'));
  }
  if (t.value !== undefined && !positive(t.value)) errs.push(field.invalid(path.child('value'), t.value, 'must be positive'));
  if (t.averageValue !== undefined && !positive(t.averageValue)) errs.push(field.invalid(path.child('averageValue'), t.averageValue, 'must be positive'));
  if (t.averageUtilization !== undefined && t.averageUtilization < 1) {
    errs.push(field.invalid(path.child('averageUtilization'), t.averageUtilization, 'must be greater than 0'));
  }
  return errs;
}

function validateMetricIdentifier(id: J | undefined, path: Path): ErrorList {
  if (!id?.name) return [field.required(path.child('name'), 'must specify a metric name')];
  return pathSegmentErrors(id.name).map((msg) => field.invalid(path.child('name'), id.name, msg));
}

/** The rules of each metric source: what identifies the metric and which target fields it needs. */
function validateSource(type: string, src: J, path: Path): ErrorList {
  const target = (src.target ?? {}) as J;
  const t = path.child('target');
  const errs = validateMetricTarget(target, t);
  const hasValue = target.value !== undefined;
  const hasAverage = target.averageValue !== undefined;
  const hasUtilization = target.averageUtilization !== undefined;
  switch (type) {
    case 'object':
      errs.unshift(...validateCrossVersionObjectReference(src.describedObject, path.child('describedObject')), ...validateMetricIdentifier(src.metric, path.child('metric')));
      if (!hasValue && !hasAverage) errs.push(field.required(t.child('averageValue'), 'must set either a target value or averageValue'));
      break;
    case 'external':
      errs.unshift(...validateMetricIdentifier(src.metric, path.child('metric')));
      if (!hasValue && !hasAverage) errs.push(field.required(t.child('averageValue'), 'must set either a target value for metric or a per-pod target'));
      if (hasValue && hasAverage) errs.push(field.forbidden(t.child('value'), 'may not set both a target value for metric and a per-pod target'));
      break;
    case 'pods':
      errs.unshift(...validateMetricIdentifier(src.metric, path.child('metric')));
      if (!hasAverage) errs.push(field.required(t.child('averageValue'), 'must specify a positive target averageValue'));
      break;
    default: {
      const pre: ErrorList = [];
      if (!src.name) pre.push(field.required(path.child('name'), 'must specify a resource name'));
      if (type === 'containerResource') {
        if (!src.container) pre.push(field.required(path.child('container'), 'must specify a container'));
        else for (const msg of isDNS1123Label(src.container)) pre.push(field.invalid(path.child('container'), src.container, msg));
      }
      errs.unshift(...pre);
      if (!hasUtilization && !hasAverage) errs.push(field.required(t.child('averageUtilization'), 'must set either a target raw value or a target utilization'));
      if (hasUtilization && hasAverage) errs.push(field.forbidden(t.child('averageValue'), 'may not set both a target raw value and a target utilization'));
    }
  }
  return errs;
}

function validateMetricSpec(m: J, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (!m.type) errs.push(field.required(path.child('type'), 'must specify a metric source type'));
  if (!metricSourceTypes.includes(m.type)) errs.push(field.notSupported(path.child('type'), m.type ?? '', metricSourceTypes));
  const present = ['object', 'external', 'pods', 'resource', 'containerResource'].filter((k) => m[k] !== undefined && m[k] !== null);
  if (present.length) errs.push(...validateSource(present[0], m[present[0]], path.child(present[0])));
  const expected = sourceField[m.type];
  if (expected) {
    if (m[expected] === undefined || m[expected] === null) errs.push(field.required(path.child(expected), 'must populate information for the given metric source'));
  } else {
    errs.push(field.notSupported(path.child('type'), m.type ?? '', metricSourceTypes));
  }
  if (present.length !== 1) for (const k of present.filter((k) => k !== expected)) errs.push(field.forbidden(path.child(k), 'must populate the given metric source only'));
  return errs;
}

function validateScalingRules(rules: J | undefined, path: Path): ErrorList {
  if (!rules) return [];
  const errs: ErrorList = [];
  const window = rules.stabilizationWindowSeconds;
  if (window !== undefined && window !== null && window < 0) errs.push(field.invalid(path.child('stabilizationWindowSeconds'), window, 'must be greater than or equal to zero'));
  if (window > maxStabilizationWindowSeconds)
    errs.push(field.invalid(path.child('stabilizationWindowSeconds'), window, `must be less than or equal to ${maxStabilizationWindowSeconds}`));
  if (rules.selectPolicy !== undefined && !['Disabled', 'Max', 'Min'].includes(rules.selectPolicy)) {
    errs.push(field.notSupported(path.child('selectPolicy'), rules.selectPolicy, ['Disabled', 'Max', 'Min']));
  }
  const policies: J[] = rules.policies ?? [];
  if (policies.length === 0) errs.push(field.required(path.child('policies'), 'must specify at least one Policy'));
  policies.forEach((p, i) => {
    const pp = path.child('policies').index(i);
    if (p.type !== 'Pods' && p.type !== 'Percent') errs.push(field.notSupported(pp.child('type'), p.type ?? '', ['Percent', 'Pods']));
    if (!(p.value > 0)) errs.push(field.invalid(pp.child('value'), p.value ?? 0, 'must be greater than zero'));
    if (!(p.periodSeconds > 0)) errs.push(field.invalid(pp.child('periodSeconds'), p.periodSeconds ?? 0, 'must be greater than zero'));
    if (p.periodSeconds > maxPeriodSeconds) errs.push(field.invalid(pp.child('periodSeconds'), p.periodSeconds, `must be less than or equal to ${maxPeriodSeconds}`));
  });
  return errs;
}

/**
 * validateHorizontalPodAutoscalerSpec on the stored (v2) form. minReplicas may be 0 only where it
 * already was (HPAScaleToZero is off by default).
 */
export function validateHorizontalPodAutoscaler(hpa: KObject, old?: KObject): ErrorList {
  const spec = (hpa.spec ?? {}) as J;
  const path = Path.root('spec');
  const lowerBound = (old?.spec as J | undefined)?.minReplicas === 0 ? 0 : 1;
  const errs: ErrorList = [];
  const min = spec.minReplicas;
  const max = spec.maxReplicas ?? 0;
  if (min !== undefined && min !== null && min < lowerBound) errs.push(field.invalid(path.child('minReplicas'), min, `must be greater than or equal to ${lowerBound}`));
  if (max < 1) errs.push(field.invalid(path.child('maxReplicas'), max, 'must be greater than 0'));
  if (min !== undefined && min !== null && max < min) errs.push(field.invalid(path.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateCrossVersionObjectReference(spec.scaleTargetRef, path.child('scaleTargetRef')));
  const metrics: J[] = spec.metrics ?? [];
  metrics.forEach((m, i) => errs.push(...validateMetricSpec(m, path.child('metrics').index(i))));
  if (min === 0 && !metrics.some((m) => m.type === 'Object' || m.type === 'External')) {
    errs.push(field.forbidden(path.child('metrics'), 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  if (spec.behavior) {
    errs.push(...validateScalingRules(spec.behavior.scaleUp, path.child('behavior', 'scaleUp')));
    errs.push(...validateScalingRules(spec.behavior.scaleDown, path.child('behavior', 'scaleDown')));
  }
  return errs;
}

/** ValidateHorizontalPodAutoscalerStatusUpdate: replica counts are never negative. */
export function validateHorizontalPodAutoscalerStatus(hpa: KObject): ErrorList {
  const status = (hpa.status ?? {}) as J;
  return [
    ...validateNonnegative(status.currentReplicas, Path.root('status').child('currentReplicas')),
    ...validateNonnegative(status.desiredReplicas, Path.root('status').child('desiredReplicas')),
  ];
}
