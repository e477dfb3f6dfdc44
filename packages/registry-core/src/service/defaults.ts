import type { KObject, J } from '@kapi/apiserver-core';

/** Service types that carry node ports. */
export const needsNodePorts = (type: string | undefined) => type === 'NodePort' || type === 'LoadBalancer';

/** SetDefaults_Service: type, affinity, port protocols and targetPorts, traffic policies. */
export function setServiceDefaults(svc: KObject): void {
  const spec = (svc.spec ??= {}) as J;
  spec.type ||= 'ClusterIP';
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
  }
  for (const p of (spec.ports ?? []) as J[]) {
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ||= 'Cluster';
  if (needsNodePorts(spec.type)) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  // clusterIP and clusterIPs describe the same thing: make them agree before allocation.
  if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
}

/**
 * The ipFamilies/ipFamilyPolicy kube-apiserver fills in on a single- or dual-stack cluster
 * (pkg/registry/core/service/storage alloc.go initIPFamilyFields).
 */
export function setIPFamilyDefaults(svc: KObject, clusterFamilies: string[]): void {
  const spec = (svc.spec ??= {}) as J;
  if (spec.type === 'ExternalName') return;
  const headless = spec.clusterIP === 'None';
  if (headless && !spec.selector && !spec.ipFamilyPolicy) {
    spec.ipFamilyPolicy = 'RequireDualStack';
  }
  spec.ipFamilyPolicy ||= 'SingleStack';
  const families: string[] = spec.ipFamilies?.length ? [...spec.ipFamilies] : [];
  if (families.length === 0) {
    const fromIPs = ((spec.clusterIPs ?? []) as string[]).filter((ip) => ip !== 'None').map((ip) => (ip.includes(':') ? 'IPv6' : 'IPv4'));
    families.push(...(fromIPs.length ? fromIPs : [clusterFamilies[0]]));
  }
  if (spec.ipFamilyPolicy !== 'SingleStack' && families.length === 1 && clusterFamilies.length > 1) {
    families.push(clusterFamilies.find((f) => f !== families[0])!);
  }
  spec.ipFamilies = families;
}
