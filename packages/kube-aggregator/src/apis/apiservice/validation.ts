import { field, isDNS1035Label, isDNS1123Subdomain, isValidPathSegmentName, Path, type ErrorList } from '@kapi/apiserver-core';
import type { APIService } from './types';

const portRangeMessage = 'must be between 1 and 65535, inclusive';

/** The bytes a base64 caBundle decodes to (kube reports the length, never the bundle). */
const caBundleLength = (b64: string): number => Buffer.from(b64, 'base64').length;

/**
 * ValidateAPIService (kube-aggregator/pkg/apis/apiregistration/validation): the name is the
 * group-version it routes, priorities are bounded, and a local APIService has nothing to trust.
 */
export function validateAPIService(s: APIService): ErrorList {
  const spec = s.spec ?? {};
  const group = spec.group ?? '';
  const version = spec.version ?? '';
  const errs: ErrorList = [];
  const name = s.metadata?.name ?? '';
  const requiredName = `${version}.${group}`;
  if (name && isValidPathSegmentName(name).length === 0 && name !== requiredName) {
    errs.push(field.invalid(Path.root('metadata').child('name'), name, `must be \`spec.version+"."+spec.group\`: "${requiredName}"`));
  }
  const specPath = Path.root('spec');
  // An empty group is the legacy group, served by kube-apiserver itself as v1.
  if (group === '' && version !== 'v1') errs.push(field.required(specPath.child('group'), 'only v1 may have an empty group and it better be legacy kube'));
  if (group !== '') for (const msg of isDNS1123Subdomain(group)) errs.push(field.invalid(specPath.child('group'), group, msg));
  for (const msg of isDNS1035Label(version)) errs.push(field.invalid(specPath.child('version'), version, msg));
  const gpm = spec.groupPriorityMinimum ?? 0;
  if (gpm <= 0 || gpm > 20000) errs.push(field.invalid(specPath.child('groupPriorityMinimum'), gpm, 'must be positive and less than 20000'));
  const vp = spec.versionPriority ?? 0;
  if (vp <= 0 || vp > 1000) errs.push(field.invalid(specPath.child('versionPriority'), vp, 'must be positive and less than 1000'));
  if (!spec.service) {
    if (spec.caBundle) errs.push(field.invalid(specPath.child('caBundle'), `${caBundleLength(spec.caBundle)} bytes`, 'local APIServices may not have a caBundle'));
    if (spec.insecureSkipTLSVerify) errs.push(field.invalid(specPath.child('insecureSkipTLSVerify'), true, 'local APIServices may not have insecureSkipTLSVerify'));
    return errs;
  }
  const svc = spec.service;
  const svcPath = specPath.child('service');
  if (!svc.namespace) errs.push(field.required(svcPath.child('namespace'), ''));
  if (!svc.name) errs.push(field.required(svcPath.child('name'), ''));
  const port = svc.port ?? 0;
  if (!Number.isInteger(port) || port < 1 || port > 65535) errs.push(field.invalid(svcPath.child('port'), port, `port is not valid: ${portRangeMessage}`));
  if (spec.insecureSkipTLSVerify && spec.caBundle) {
    errs.push(field.invalid(specPath.child('insecureSkipTLSVerify'), true, 'may not be true if caBundle is present'));
  }
  return errs;
}

/** ValidateAPIServiceStatus: each condition's status is one of True, False, Unknown. */
export function validateAPIServiceStatus(s: APIService): ErrorList {
  const errs: ErrorList = [];
  (s.status?.conditions ?? []).forEach((c, i) => {
    const p = Path.root('status').child('conditions').index(i).child('status');
    if (!['True', 'False', 'Unknown'].includes(c.status)) errs.push(field.notSupported(p, c.status, ['True', 'False', 'Unknown']));
  });
  return errs;
}
