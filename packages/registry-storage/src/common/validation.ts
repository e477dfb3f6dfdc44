import { field, isDNS1123Subdomain, isQualifiedName, type ErrorList, type Path } from '@kapi/apiserver-core';

/** ValidateQualifiedName of pkg/apis/core/validation: one Invalid per problem of a label-key-like value. */
export function validateQualifiedName(value: string, path: Path): ErrorList {
  return isQualifiedName(value).map((m) => field.invalid(path, value, m));
}

/**
 * ValidateCSIDriverName: drivers are named like DNS subdomains but compared case-insensitively,
 * and kept to 63 characters (the CSI spec's limit).
 */
export function validateCSIDriverName(name: string | undefined, path: Path): ErrorList {
  const errs: ErrorList = [];
  const n = name ?? '';
  if (n.length === 0) errs.push(field.required(path, ''));
  if (n.length > 63) errs.push(field.tooLong(path, '', 63));
  for (const m of isDNS1123Subdomain(n.toLowerCase())) errs.push(field.invalid(path, n, m));
  return errs;
}
