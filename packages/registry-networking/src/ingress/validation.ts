import { field, GoValue, isDNS1035Label, isDNS1123Subdomain, isWildcardDNS1123Subdomain, Path, type ErrorList } from '@kapi/apiserver-core';
import { isValidPortName, parseIPSloppy, validatePortNumber } from '@kapi/registry-core';
import { validateTypedLocalObjectReference } from '../common/typed-reference';
import { ingressClassAnnotation, pathTypes, type HTTPIngressPath, type Ingress, type IngressBackend, type IngressRule } from './types';

const invalidPathSequences = ['//', '/./', '/../', '%2f', '%2F'];
const invalidPathSuffixes = ['/..', '/.'];

/** What an update tolerates because the stored Ingress already had it (objects from before the rules were tightened). */
export interface IngressValidationOptions {
  allowInvalidSecretName: boolean;
  allowInvalidWildcardHostRule: boolean;
}

const strict: IngressValidationOptions = { allowInvalidSecretName: false, allowInvalidWildcardHostRule: false };

function validateBackend(backend: IngressBackend, path: Path): ErrorList {
  if (backend.resource && backend.service) return [field.invalid(path, '', 'cannot set both resource and service backends')];
  if (backend.resource) return validateTypedLocalObjectReference(backend.resource, path.child('resource'));
  if (!backend.service) return [field.invalid(path, '', 'resource or service backend is required')];
  const errs: ErrorList = [];
  const svc = backend.service;
  const namePath = path.child('service', 'name');
  if (!svc.name) errs.push(field.required(namePath, ''));
  else for (const msg of isDNS1035Label(svc.name)) errs.push(field.invalid(namePath, svc.name, msg));
  const portName = svc.port?.name ?? '';
  const portNumber = svc.port?.number ?? 0;
  if (portName && portNumber) errs.push(field.invalid(path, '', 'cannot set both port name & port number'));
  else if (portName) for (const msg of isValidPortName(portName)) errs.push(field.invalid(path.child('service', 'port', 'name'), portName, msg));
  else if (portNumber) errs.push(...validatePortNumber(portNumber, path.child('service', 'port', 'number')));
  else errs.push(field.required(path, 'port name or number is required'));
  return errs;
}

function validatePathValue(p: HTTPIngressPath, path: Path): ErrorList {
  const value = p.path ?? '';
  const errs: ErrorList = [];
  if (p.pathType === 'ImplementationSpecific') {
    if (value && !value.startsWith('/')) errs.push(field.invalid(path, value, 'must be an absolute path'));
    return errs;
  }
  if (!value.startsWith('/')) errs.push(field.invalid(path, value, 'must be an absolute path'));
  if (!value) return errs;
  for (const seq of invalidPathSequences) if (value.includes(seq)) errs.push(field.invalid(path, value, `must not contain '${seq}'`));
  for (const suffix of invalidPathSuffixes) if (value.endsWith(suffix)) errs.push(field.invalid(path, value, `cannot end with '${suffix}'`));
  return errs;
}

function validateHTTPPath(p: HTTPIngressPath, path: Path): ErrorList {
  if (p.pathType === undefined) return [field.required(path.child('pathType'), 'pathType must be specified')];
  const errs = pathTypes.includes(p.pathType) ? validatePathValue(p, path.child('path')) : [field.notSupported(path.child('pathType'), p.pathType, pathTypes)];
  errs.push(...validateBackend(p.backend ?? {}, path.child('backend')));
  return errs;
}

function validateRuleValue(rule: IngressRule, path: Path): ErrorList {
  if (!rule.http) return [];
  const paths = rule.http.paths ?? [];
  const httpPath = path.child('http');
  const errs: ErrorList = paths.length === 0 ? [field.required(httpPath.child('paths'), '')] : [];
  paths.forEach((p, i) => errs.push(...validateHTTPPath(p, httpPath.child('paths').index(i))));
  return errs;
}

/** A host is a DNS name (a wildcard allowed), never an IP address. */
function validateHost(host: string, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (parseIPSloppy(host)) errs.push(field.invalid(path, host, 'must be a DNS name, not an IP address'));
  const problems = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  for (const msg of problems) errs.push(field.invalid(path, host, msg));
  return errs;
}

function validateRules(rules: IngressRule[], path: Path, opts: IngressValidationOptions): ErrorList {
  const errs: ErrorList = [];
  rules.forEach((rule, i) => {
    const host = rule.host ?? '';
    if (host) errs.push(...validateHost(host, path.index(i).child('host')));
    if (!host.includes('*') || !opts.allowInvalidWildcardHostRule) errs.push(...validateRuleValue(rule, path.index(i)));
  });
  return errs;
}

/** ValidateSecretName is a DNS subdomain; an empty name means the controller's default certificate. */
function secretNameProblems(name: string | undefined): string[] {
  return name ? isDNS1123Subdomain(name) : [];
}

function validateTLS(ing: Ingress, path: Path, opts: IngressValidationOptions): ErrorList {
  const errs: ErrorList = [];
  (ing.spec?.tls ?? []).forEach((tls, i) => {
    (tls.hosts ?? []).forEach((host, j) => {
      const problems = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const msg of problems) errs.push(field.invalid(path.index(i).child('hosts').index(j), host, msg));
    });
    if (!opts.allowInvalidSecretName) {
      for (const msg of secretNameProblems(tls.secretName)) errs.push(field.invalid(path.index(i).child('secretName'), tls.secretName, msg));
    }
  });
  return errs;
}

/** ValidateIngressSpec (the Store checks the object meta). */
export function validateIngressSpec(ing: Ingress, opts: IngressValidationOptions = strict): ErrorList {
  const spec = ing.spec ?? {};
  const path = Path.root('spec');
  const errs: ErrorList = [];
  const rules = spec.rules ?? [];
  if (rules.length === 0 && !spec.defaultBackend) {
    // kube shows the (empty) rules as a Go value: nil when absent, {} when sent as [].
    const shown = new GoValue(`[]networking.IngressRule${spec.rules ? '{}' : '(nil)'}`);
    errs.push(field.invalid(path, shown, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, path.child('defaultBackend')));
  if (rules.length > 0) errs.push(...validateRules(rules, path.child('rules'), opts));
  if ((spec.tls ?? []).length > 0) errs.push(...validateTLS(ing, path.child('tls'), opts));
  if (spec.ingressClassName !== undefined) {
    for (const msg of isDNS1123Subdomain(spec.ingressClassName)) errs.push(field.invalid(path.child('ingressClassName'), spec.ingressClassName, msg));
  }
  return errs;
}

/** ValidateIngressCreate: the spec, and the class annotation may not contradict ingressClassName. */
export function validateIngressCreate(ing: Ingress): ErrorList {
  const errs = validateIngressSpec(ing);
  const annotation = ing.metadata?.annotations?.[ingressClassAnnotation];
  const className = ing.spec?.ingressClassName;
  if (annotation !== undefined && className !== undefined && annotation !== className) {
    errs.push(field.invalid(Path.root('annotations').child(ingressClassAnnotation), annotation, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}

/** ValidateIngressUpdate: what the stored object already got away with stays allowed. */
export function validateIngressUpdate(ing: Ingress, old: Ingress): ErrorList {
  return validateIngressSpec(ing, {
    allowInvalidSecretName: (old.spec?.tls ?? []).some((tls) => secretNameProblems(tls.secretName).length > 0),
    allowInvalidWildcardHostRule: (old.spec?.rules ?? []).some((r) => (r.host ?? '').includes('*') && validateRuleValue(r, Path.root('')).length > 0),
  });
}

/** ValidateIngressStatusUpdate: load-balancer IPs are IPs and hostnames are DNS names. */
export function validateIngressStatus(ing: Ingress): ErrorList {
  const errs: ErrorList = [];
  const path = Path.root('status').child('loadBalancer');
  (ing.status?.loadBalancer?.ingress ?? []).forEach((lb, i) => {
    const p = path.child('ingress').index(i);
    if (lb.ip && !parseIPSloppy(lb.ip)) errs.push(field.invalid(p.child('ip'), lb.ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    if (lb.hostname) {
      for (const msg of isDNS1123Subdomain(lb.hostname)) errs.push(field.invalid(p.child('hostname'), lb.hostname, msg));
      if (parseIPSloppy(lb.hostname)) errs.push(field.invalid(p.child('hostname'), lb.hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}
