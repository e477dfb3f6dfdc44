/**
 * autoscaling/v1 carries the metrics it has no field for in annotations, written in its own
 * (v2beta1-shaped) metric form; these functions map one metric between that form and v2's
 * (pkg/apis/autoscaling/v1/conversion.go). Keys are written in the Go structs' order, so the
 * annotation text reads as kube-apiserver writes it.
 */
import type { J } from '@kapi/apiserver-core';

/** Drops the keys a Go `omitempty` would not write. */
function compact(o: J): J {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}

const ref = (r: J | undefined): J => compact({ kind: r?.kind ?? '', name: r?.name ?? '', apiVersion: r?.apiVersion });

/** v2 MetricSpec → v1 MetricSpec. */
export function metricSpecToV1(m: J): J {
  const out: J = { type: m.type };
  if (m.object) {
    const t = m.object.target ?? {};
    out.object = compact({
      target: ref(m.object.describedObject),
      metricName: m.object.metric?.name ?? '',
      targetValue: t.value ?? '0',
      selector: m.object.metric?.selector,
      averageValue: t.averageValue,
    });
  }
  if (m.pods) out.pods = compact({ metricName: m.pods.metric?.name ?? '', targetAverageValue: m.pods.target?.averageValue ?? '0', selector: m.pods.metric?.selector });
  if (m.resource)
    out.resource = compact({ name: m.resource.name, targetAverageUtilization: m.resource.target?.averageUtilization, targetAverageValue: m.resource.target?.averageValue });
  if (m.containerResource) {
    const c = m.containerResource;
    out.containerResource = compact({ name: c.name, targetAverageUtilization: c.target?.averageUtilization, targetAverageValue: c.target?.averageValue, container: c.container });
  }
  if (m.external) {
    const e = m.external;
    out.external = compact({ metricName: e.metric?.name ?? '', metricSelector: e.metric?.selector, targetValue: e.target?.value, targetAverageValue: e.target?.averageValue });
  }
  return out;
}

const identifier = (name: string | undefined, selector: J | undefined): J => compact({ name: name ?? '', selector });

/** v1 MetricSpec → v2 MetricSpec: the target type follows from which target field v1 set. */
export function metricSpecFromV1(m: J): J {
  const out: J = { type: m.type };
  if (m.object) {
    const o = m.object;
    out.object = {
      describedObject: ref(o.target),
      metric: identifier(o.metricName, o.selector),
      target: compact({ type: o.averageValue === undefined ? 'Value' : 'AverageValue', value: o.targetValue ?? '0', averageValue: o.averageValue }),
    };
  }
  if (m.pods) out.pods = { metric: identifier(m.pods.metricName, m.pods.selector), target: { type: 'AverageValue', averageValue: m.pods.targetAverageValue ?? '0' } };
  const resourceTarget = (r: J) =>
    compact({
      type: r.targetAverageUtilization === undefined ? 'AverageValue' : 'Utilization',
      averageValue: r.targetAverageValue,
      averageUtilization: r.targetAverageUtilization,
    });
  if (m.resource) out.resource = { name: m.resource.name, target: resourceTarget(m.resource) };
  if (m.containerResource) out.containerResource = { name: m.containerResource.name, target: resourceTarget(m.containerResource), container: m.containerResource.container };
  if (m.external) {
    const e = m.external;
    out.external = {
      metric: identifier(e.metricName, e.metricSelector),
      target: compact({ type: e.targetValue === undefined ? 'AverageValue' : 'Value', value: e.targetValue, averageValue: e.targetAverageValue }),
    };
  }
  return out;
}

/** v2 MetricStatus → v1 MetricStatus. */
export function metricStatusToV1(m: J): J {
  const out: J = { type: m.type };
  if (m.object) {
    const c = m.object.current ?? {};
    out.object = compact({
      target: ref(m.object.describedObject),
      currentValue: c.value ?? '0',
      metricName: m.object.metric?.name ?? '',
      selector: m.object.metric?.selector,
      averageValue: c.averageValue,
    });
  }
  if (m.pods) out.pods = compact({ metricName: m.pods.metric?.name ?? '', currentAverageValue: m.pods.current?.averageValue ?? '0', selector: m.pods.metric?.selector });
  if (m.resource)
    out.resource = compact({
      name: m.resource.name,
      currentAverageUtilization: m.resource.current?.averageUtilization,
      currentAverageValue: m.resource.current?.averageValue ?? '0',
    });
  if (m.containerResource) {
    const c = m.containerResource;
    out.containerResource = compact({
      name: c.name,
      currentAverageUtilization: c.current?.averageUtilization,
      currentAverageValue: c.current?.averageValue ?? '0',
      container: c.container,
    });
  }
  if (m.external) {
    const e = m.external;
    out.external = compact({
      metricName: e.metric?.name ?? '',
      metricSelector: e.metric?.selector,
      currentValue: e.current?.value ?? '0',
      currentAverageValue: e.current?.averageValue,
    });
  }
  return out;
}

/** v1 MetricStatus → v2 MetricStatus. */
export function metricStatusFromV1(m: J): J {
  const out: J = { type: m.type };
  if (m.object) {
    const o = m.object;
    out.object = { metric: identifier(o.metricName, o.selector), current: compact({ value: o.currentValue ?? '0', averageValue: o.averageValue }), describedObject: ref(o.target) };
  }
  if (m.pods) out.pods = { metric: identifier(m.pods.metricName, m.pods.selector), current: { averageValue: m.pods.currentAverageValue ?? '0' } };
  const resourceCurrent = (r: J) => compact({ averageValue: r.currentAverageValue ?? '0', averageUtilization: r.currentAverageUtilization });
  if (m.resource) out.resource = { name: m.resource.name, current: resourceCurrent(m.resource) };
  if (m.containerResource) out.containerResource = { name: m.containerResource.name, current: resourceCurrent(m.containerResource), container: m.containerResource.container };
  if (m.external) {
    const e = m.external;
    out.external = { metric: identifier(e.metricName, e.metricSelector), current: compact({ value: e.currentValue ?? '0', averageValue: e.currentAverageValue }) };
  }
  return out;
}
