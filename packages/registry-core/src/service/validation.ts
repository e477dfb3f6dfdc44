import { field, isDNS1123Label, isDNS1123Subdomain, Path, semanticEqual, type ErrorList, type KObject, type J } from '@kapi/apiserver-core';
import { parseIP } from '../allocator/ip-allocator';
import { parseIPSloppy, validateNonSpecialIP } from '../validation/special-ip';
import { protocols } from '../pod/container-validation';
import { isValidPortName, validateEnum, validateLabelMap, validatePortNumber } from '../validation/common';
import { needsNodePorts } from './defaults';

export const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function validatePorts(spec: J, path: Path): ErrorList {
  const errs: ErrorList = [];
  const ports: J[] = spec.ports ?? [];
  const names = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const pp = path.index(i);
    if (ports.length > 1 && !p.name) errs.push(field.required(pp.child('name'), ''));
    if (p.name) {
      for (const m of isDNS1123Label(p.name)) errs.push(field.invalid(pp.child('name'), p.name, m));
      if (names.has(p.name)) errs.push(field.duplicate(pp.child('name'), p.name));
      names.add(p.name);
    }
    errs.push(...validatePortNumber(p.port, pp.child('port')));
    errs.push(...validateEnum(p.protocol, pp.child('protocol'), protocols));
    if (typeof p.targetPort === 'number') errs.push(...validatePortNumber(p.targetPort, pp.child('targetPort')));
    else if (typeof p.targetPort === 'string') for (const m of isValidPortName(p.targetPort)) errs.push(field.invalid(pp.child('targetPort'), p.targetPort, m));
    if (p.nodePort !== undefined && p.nodePort !== 0) {
      if (!needsNodePorts(spec.type)) errs.push(field.forbidden(pp.child('nodePort'), `may not be used when \`type\` is '${spec.type}'`));
      else errs.push(...validatePortNumber(p.nodePort, pp.child('nodePort')));
    }
    const key = `${p.port}/${p.protocol}`;
    if (seen.has(key)) errs.push(field.duplicate(pp, { port: p.port, protocol: p.protocol }));
    seen.add(key);
  });
  return errs;
}

function validateClusterIPs(spec: J, path: Path): ErrorList {
  const errs: ErrorList = [];
  const ips: string[] = spec.clusterIPs ?? [];
  if (spec.type === 'ExternalName') {
    if (spec.clusterIP && spec.clusterIP !== 'None') errs.push(field.forbidden(path.child('clusterIPs'), 'may not be set for ExternalName services'));
    return errs;
  }
  if (spec.clusterIP && ips.length && ips[0] !== spec.clusterIP) {
    errs.push(field.invalid(path.child('clusterIPs'), ips, 'first value must match `clusterIP`'));
  }
  ips.forEach((ip, i) => {
    if (ip === 'None') {
      if (i > 0 || ips.length > 1) errs.push(field.invalid(path.child('clusterIPs').index(i), ip, 'must be a valid IP address (e.g. 10.9.8.7 or 2001:db8::ffff)'));
      return;
    }
    if (!parseIP(ip)) errs.push(field.invalid(path.child('clusterIPs').index(i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (ips.length > 2) errs.push(field.invalid(path.child('clusterIPs'), ips, 'may only hold up to 2 values'));
  if (spec.clusterIP === 'None' && needsNodePorts(spec.type)) {
    errs.push(field.invalid(path.child('clusterIPs').index(0), 'None', `may not be set to 'None' for ${spec.type} services`));
  }
  return errs;
}

/** ValidateService: type, ports, selectors, cluster IPs, ExternalName and affinity rules. */
export function validateService(svc: KObject): ErrorList {
  const spec = (svc.spec ?? {}) as J;
  const path = Path.root('spec');
  const errs: ErrorList = [];
  errs.push(...validateEnum(spec.type, path.child('type'), serviceTypes));
  errs.push(...validateEnum(spec.sessionAffinity, path.child('sessionAffinity'), ['ClientIP', 'None']));
  const headless = spec.clusterIP === 'None';
  if (spec.type === 'ExternalName') {
    if (!spec.externalName) errs.push(field.required(path.child('externalName'), ''));
    else for (const m of isDNS1123Subdomain(String(spec.externalName).replace(/\.$/, ''))) errs.push(field.invalid(path.child('externalName'), spec.externalName, m));
  } else if (!headless && (spec.ports ?? []).length === 0) {
    errs.push(field.required(path.child('ports'), ''));
  }
  errs.push(...validatePorts(spec, path.child('ports')));
  errs.push(...validateLabelMap(spec.selector, path.child('selector')));
  errs.push(...validateClusterIPs(spec, path));
  if (spec.ipFamilyPolicy) errs.push(...validateEnum(spec.ipFamilyPolicy, path.child('ipFamilyPolicy'), ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  ((spec.ipFamilies ?? []) as string[]).forEach((f, i) => errs.push(...validateEnum(f, path.child('ipFamilies').index(i), ['IPv4', 'IPv6'])));
  if (spec.internalTrafficPolicy) errs.push(...validateEnum(spec.internalTrafficPolicy, path.child('internalTrafficPolicy'), ['Cluster', 'Local']));
  if (spec.externalTrafficPolicy) {
    if (!needsNodePorts(spec.type)) errs.push(field.invalid(path.child('externalTrafficPolicy'), spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
    else errs.push(...validateEnum(spec.externalTrafficPolicy, path.child('externalTrafficPolicy'), ['Cluster', 'Local']));
  }
  ((spec.externalIPs ?? []) as string[]).forEach((ip, i) => {
    const p = path.child('externalIPs').index(i);
    // A valid external IP must still not be special: traffic to it is captured on every node.
    if (!parseIPSloppy(ip)) errs.push(field.invalid(p, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    else errs.push(...validateNonSpecialIP(ip, p));
  });
  const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (timeout !== undefined && (timeout <= 0 || timeout > 86400)) {
    errs.push(field.invalid(path.child('sessionAffinityConfig', 'clientIP', 'timeoutSeconds'), timeout, 'must be greater than 0 and less than 86400'));
  }
  return errs;
}

/** ValidateServiceUpdate: allocated cluster IPs cannot change (unless the type moves to/from ExternalName). */
export function validateServiceUpdate(svc: KObject, old: KObject): ErrorList {
  const spec = (svc.spec ?? {}) as J;
  const oldSpec = (old.spec ?? {}) as J;
  const errs: ErrorList = [];
  if (spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName') {
    if (oldSpec.clusterIP && spec.clusterIP !== oldSpec.clusterIP) {
      errs.push(field.invalid(Path.root('spec').child('clusterIPs').index(0), spec.clusterIP ?? '', 'may not change once set'));
    }
    if (!semanticEqual(spec.ipFamilies?.[0], oldSpec.ipFamilies?.[0]) && oldSpec.ipFamilies?.length) {
      errs.push(field.invalid(Path.root('spec').child('ipFamilies').index(0), spec.ipFamilies?.[0], 'may not change once set'));
    }
  }
  return errs;
}
