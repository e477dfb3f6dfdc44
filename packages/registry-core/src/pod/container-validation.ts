import { field, type ErrorList, type Path, type J } from '@kapi/apiserver-core';
import { isValidPortName, validateDNSLabel, validateEnum, validatePortNumber, validateResourceList } from '../validation/common';
import { parseQuantity } from '../validation/quantity';

const envNameRe = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const envNameMessage =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

export const protocols = ['SCTP', 'TCP', 'UDP'];

function validatePorts(ports: J[] | undefined, path: Path): ErrorList {
  const errs: ErrorList = [];
  const names = new Set<string>();
  (ports ?? []).forEach((p, i) => {
    const pp = path.index(i);
    if (p.name) {
      for (const m of isValidPortName(p.name)) errs.push(field.invalid(pp.child('name'), p.name, m));
      if (names.has(p.name)) errs.push(field.duplicate(pp.child('name'), p.name));
      names.add(p.name);
    }
    if (p.containerPort === undefined || p.containerPort === 0) errs.push(field.required(pp.child('containerPort'), ''));
    else errs.push(...validatePortNumber(p.containerPort, pp.child('containerPort')));
    if (p.hostPort !== undefined && p.hostPort !== 0) errs.push(...validatePortNumber(p.hostPort, pp.child('hostPort')));
    errs.push(...validateEnum(p.protocol, pp.child('protocol'), protocols));
  });
  return errs;
}

function validateEnv(env: J[] | undefined, path: Path): ErrorList {
  const errs: ErrorList = [];
  (env ?? []).forEach((e, i) => {
    const ep = path.index(i);
    if (!e.name) errs.push(field.required(ep.child('name'), ''));
    else if (!envNameRe.test(e.name)) errs.push(field.invalid(ep.child('name'), e.name, envNameMessage));
    if (e.valueFrom) {
      if (e.value) errs.push(field.invalid(ep.child('valueFrom'), '', 'may not be specified when `value` is not empty'));
      const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => e.valueFrom[k]);
      if (sources.length === 0) errs.push(field.invalid(ep.child('valueFrom'), '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      else if (sources.length > 1) errs.push(field.invalid(ep.child('valueFrom'), '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateResources(r: J | undefined, path: Path): ErrorList {
  if (!r) return [];
  const errs = [...validateResourceList(r.limits, path.child('limits')), ...validateResourceList(r.requests, path.child('requests'))];
  for (const [name, req] of Object.entries((r.requests as Record<string, unknown>) ?? {})) {
    const limit = r.limits?.[name];
    if (limit === undefined) continue;
    const rv = parseQuantity(req);
    const lv = parseQuantity(limit);
    if (rv !== undefined && lv !== undefined && rv > lv) {
      errs.push(field.invalid(path.child('requests').key(name), req, `must be less than or equal to ${name} limit of ${limit}`));
    }
  }
  return errs;
}

function validateVolumeMounts(mounts: J[] | undefined, volumes: Set<string>, path: Path): ErrorList {
  const errs: ErrorList = [];
  const paths = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const mp = path.index(i);
    if (!m.name) errs.push(field.required(mp.child('name'), ''));
    else if (!volumes.has(m.name)) errs.push(field.notFound(mp.child('name'), m.name));
    if (!m.mountPath) errs.push(field.required(mp.child('mountPath'), ''));
    else if (paths.has(m.mountPath)) errs.push(field.invalid(mp.child('mountPath'), m.mountPath, 'must be unique'));
    else paths.add(m.mountPath);
  });
  return errs;
}

function validateProbe(probe: J | undefined, path: Path): ErrorList {
  if (!probe) return [];
  const errs: ErrorList = [];
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((k) => probe[k]);
  if (handlers.length === 0) errs.push(field.required(path, 'must specify a handler type'));
  else if (handlers.length > 1) errs.push(field.forbidden(path.child(handlers[1]), 'may not specify more than 1 handler type'));
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    if (probe[k] !== undefined && probe[k] < 0) errs.push(field.invalid(path.child(k), probe[k], 'must be greater than or equal to 0'));
  }
  return errs;
}

/**
 * validateContainers: names unique across the pod, image required, ports, env, resources, mounts,
 * probes and enum fields as kube-apiserver checks them.
 */
export function validateContainers(containers: readonly object[] | undefined, volumes: Set<string>, names: Set<string>, path: Path, opts: { probes: boolean }): ErrorList {
  const errs: ErrorList = [];
  ((containers ?? []) as J[]).forEach((c, i) => {
    const cp = path.index(i);
    if (!c.name) errs.push(field.required(cp.child('name'), ''));
    else {
      errs.push(...validateDNSLabel(c.name, cp.child('name')));
      if (names.has(c.name)) errs.push(field.duplicate(cp.child('name'), c.name));
      names.add(c.name);
    }
    if (!c.image || String(c.image).trim() === '') errs.push(field.required(cp.child('image'), ''));
    else if (String(c.image) !== String(c.image).trim()) errs.push(field.invalid(cp.child('image'), c.image, 'must not have leading or trailing whitespace'));
    errs.push(...validateEnum(c.imagePullPolicy, cp.child('imagePullPolicy'), ['Always', 'IfNotPresent', 'Never']));
    errs.push(...validateEnum(c.terminationMessagePolicy, cp.child('terminationMessagePolicy'), ['File', 'FallbackToLogsOnError']));
    errs.push(...validatePorts(c.ports, cp.child('ports')));
    errs.push(...validateEnv(c.env, cp.child('env')));
    errs.push(...validateResources(c.resources, cp.child('resources')));
    errs.push(...validateVolumeMounts(c.volumeMounts, volumes, cp.child('volumeMounts')));
    if (opts.probes) {
      errs.push(...validateProbe(c.livenessProbe, cp.child('livenessProbe')));
      errs.push(...validateProbe(c.readinessProbe, cp.child('readinessProbe')));
      errs.push(...validateProbe(c.startupProbe, cp.child('startupProbe')));
    } else {
      for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[k]) errs.push(field.forbidden(cp.child(k), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}
