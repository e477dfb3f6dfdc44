import { field, isDNS1123Subdomain, isValidPathSegmentName, type ErrorList, type Path } from '@kapi/apiserver-core';

/** A typed reference by apiGroup, kind and name (Ingress resource backends, IngressClass parameters). */
export function validateTypedLocalObjectReference(ref: { apiGroup?: string; kind?: string; name?: string }, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (ref.apiGroup !== undefined) for (const msg of isDNS1123Subdomain(ref.apiGroup)) errs.push(field.invalid(path.child('apiGroup'), ref.apiGroup, msg));
  if (!ref.kind) errs.push(field.required(path.child('kind'), 'kind is required'));
  else for (const msg of isValidPathSegmentName(ref.kind)) errs.push(field.invalid(path.child('kind'), ref.kind, msg));
  if (!ref.name) errs.push(field.required(path.child('name'), 'name is required'));
  else for (const msg of isValidPathSegmentName(ref.name)) errs.push(field.invalid(path.child('name'), ref.name, msg));
  return errs;
}
