import { field, isDNS1123Label, isDNS1123Subdomain, Path, type ErrorList } from '@kapi/apiserver-core';
import { validateImmutable } from '@kapi/registry-core';
import { validateTypedLocalObjectReference } from '../common/typed-reference';
import { parametersScopes, type IngressClass, type IngressClassParametersReference } from './types';

const maxControllerLength = 250;
/** The path part of a domain-prefixed path (IsDomainPrefixedPath). */
const httpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const httpPathRe = new RegExp(`^${httpPathFmt}$`);

/** IsDomainPrefixedPath: "example.com/ingress-nginx". */
function validateDomainPrefixedPath(value: string | undefined, path: Path): ErrorList {
  if (!value) return [field.required(path, '')];
  const slash = value.indexOf('/');
  const host = slash < 0 ? '' : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (!host || !rest) return [field.invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((msg) => field.invalid(path, host, msg));
  if (!httpPathRe.test(rest)) errs.push(field.invalid(path, rest, `Invalid path (regex used for validation is '${httpPathFmt}')`));
  return errs;
}

function validateParameters(params: IngressClassParametersReference, path: Path): ErrorList {
  const errs = validateTypedLocalObjectReference(params, path);
  if (params.scope === undefined) return [...errs, field.required(path.child('scope'), '')];
  if (!parametersScopes.includes(params.scope)) return [...errs, field.notSupported(path.child('scope'), params.scope, parametersScopes)];
  if (params.scope === 'Namespace') {
    if (params.namespace === undefined) errs.push(field.required(path.child('namespace'), "`parameters.scope` is set to 'Namespace'"));
    else for (const msg of isDNS1123Label(params.namespace)) errs.push(field.invalid(path.child('namespace'), params.namespace, msg));
  }
  if (params.scope === 'Cluster' && params.namespace !== undefined) {
    errs.push(field.forbidden(path.child('namespace'), "`parameters.scope` is set to 'Cluster'"));
  }
  return errs;
}

/** validateIngressClassSpec (the Store checks the object meta). */
export function validateIngressClass(ic: IngressClass): ErrorList {
  const spec = ic.spec ?? {};
  const path = Path.root('spec');
  const errs: ErrorList = [];
  // kube reports the length without the value.
  if ((spec.controller ?? '').length > maxControllerLength) errs.push(field.tooLong(path.child('controller'), '', maxControllerLength));
  errs.push(...validateDomainPrefixedPath(spec.controller, path.child('controller')));
  if (spec.parameters) errs.push(...validateParameters(spec.parameters, path.child('parameters')));
  return errs;
}

/** The controller is fixed at creation: Ingresses of the class were admitted for that controller. */
export function validateIngressClassUpdate(ic: IngressClass, old: IngressClass): ErrorList {
  return [...validateImmutable(ic.spec?.controller, old.spec?.controller, Path.root('spec').child('controller')), ...validateIngressClass(ic)];
}
