import { DefaultStrategy, defaultAttrs, keepStatusOnUpdate, semanticEqual, type Attrs, type ErrorList, type KObject, type RequestContext, type J } from '@kapi/apiserver-core';
import { needsNodePorts, setIPFamilyDefaults, setServiceDefaults } from './defaults';
import { validateService, validateServiceUpdate } from './validation';

/**
 * patchAllocatedValues: an update that leaves out what the server allocated (clusterIP, node ports)
 * keeps the stored values, as `kubectl apply` of the original manifest expects.
 */
function patchAllocatedValues(spec: J, old: J): void {
  if (spec.type !== 'ExternalName' && old.type !== 'ExternalName') {
    if (!spec.clusterIP && old.clusterIP) spec.clusterIP = old.clusterIP;
    if (!spec.clusterIPs?.length && old.clusterIPs) spec.clusterIPs = old.clusterIPs;
    if (!spec.ipFamilies?.length && old.ipFamilies) spec.ipFamilies = old.ipFamilies;
    if (!spec.ipFamilyPolicy && old.ipFamilyPolicy) spec.ipFamilyPolicy = old.ipFamilyPolicy;
  }
  if (needsNodePorts(spec.type) && needsNodePorts(old.type)) {
    for (const p of (spec.ports ?? []) as J[]) {
      if (p.nodePort) continue;
      const prev = ((old.ports ?? []) as J[]).find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (prev?.nodePort) p.nodePort = prev.nodePort;
    }
    if (!spec.healthCheckNodePort && old.healthCheckNodePort && spec.externalTrafficPolicy === 'Local') spec.healthCheckNodePort = old.healthCheckNodePort;
  }
}

/** dropTypeDependentFields: moving away from a type drops what only that type had, when left unchanged. */
function dropTypeDependentFields(spec: J, old: J): void {
  if (spec.type === 'ExternalName' && old.type !== 'ExternalName' && semanticEqual(spec.clusterIPs, old.clusterIPs)) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    delete spec.ipFamilies;
    delete spec.ipFamilyPolicy;
    delete spec.internalTrafficPolicy;
  }
  if (!needsNodePorts(spec.type) && needsNodePorts(old.type)) {
    for (const p of (spec.ports ?? []) as J[]) {
      const prev = ((old.ports ?? []) as J[]).find((o) => o.port === p.port);
      if (p.nodePort && prev?.nodePort === p.nodePort) delete p.nodePort;
    }
    if (spec.healthCheckNodePort === old.healthCheckNodePort) delete spec.healthCheckNodePort;
    if (spec.externalTrafficPolicy === old.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  }
  if (spec.type !== 'LoadBalancer' && old.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts) {
    delete spec.allocateLoadBalancerNodePorts;
  }
}

/** pkg/registry/core/service/strategy.go svcStrategy, knowing the IP families the cluster serves. */
export class ServiceStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'Service' };
  constructor(readonly clusterFamilies: string[] = ['IPv4']) {
    super();
  }
  namespaceScoped(): boolean {
    return true;
  }
  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    setServiceDefaults(obj);
    setIPFamilyDefaults(obj, this.clusterFamilies);
    obj.status = { loadBalancer: {} };
  }
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    const spec = (obj.spec ??= {}) as J;
    const oldSpec = (old.spec ?? {}) as J;
    spec.type ||= 'ClusterIP';
    dropTypeDependentFields(spec, oldSpec);
    setServiceDefaults(obj);
    patchAllocatedValues(spec, oldSpec);
    setIPFamilyDefaults(obj, this.clusterFamilies);
    keepStatusOnUpdate(obj, old);
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateService(obj);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return [...validateService(obj), ...validateServiceUpdate(obj, old)];
  }
}

/** serviceStatusStrategy: /status changes status only. */
export class ServiceStatusStrategy extends ServiceStrategy {
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    obj.spec = old.spec;
  }
  override validateUpdate(): ErrorList {
    return [];
  }
}

/** Services can be selected by spec.clusterIP and spec.type. */
export function serviceAttrs(obj: KObject): Attrs {
  const attrs = defaultAttrs(obj);
  const spec = (obj.spec ?? {}) as J;
  attrs.fields['spec.clusterIP'] = String(spec.clusterIP ?? '');
  attrs.fields['spec.type'] = String(spec.type ?? '');
  return attrs;
}
