import { field, isDNS1123Label, isQualifiedName, isValidLabelValue, semanticEqual, type ErrorList, type Path } from '@kapi/apiserver-core';
import { parseQuantity, quantityFormatMessage } from './quantity';

/** Shared pieces of pkg/apis/core/validation, with kube-apiserver's messages. */

export const portRangeMessage = 'must be between 1 and 65535, inclusive';

export function validatePortNumber(port: unknown, path: Path): ErrorList {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return [field.invalid(path, port, portRangeMessage)];
  return [];
}

/** IsValidPortName (IANA_SVC_NAME): named ports of containers and service targetPorts. */
export function isValidPortName(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

export function validateEnum(value: unknown, path: Path, allowed: string[], required = true): ErrorList {
  if (value === undefined || value === '') return required ? [field.required(path, '')] : [];
  return allowed.includes(String(value)) ? [] : [field.notSupported(path, value, allowed)];
}

export function validateDNSLabel(value: unknown, path: Path): ErrorList {
  return isDNS1123Label(String(value)).map((m) => field.invalid(path, value, m));
}

export function validateNonnegative(value: unknown, path: Path): ErrorList {
  if (value === undefined) return [];
  return typeof value === 'number' && value >= 0 ? [] : [field.invalid(path, value, 'must be greater than or equal to 0')];
}

export function validatePositive(value: unknown, path: Path): ErrorList {
  if (value === undefined) return [];
  return typeof value === 'number' && value > 0 ? [] : [field.invalid(path, value, 'must be greater than 0')];
}

/** A map of label key → value (selectors, nodeSelector). */
export function validateLabelMap(m: unknown, path: Path): ErrorList {
  const errs: ErrorList = [];
  for (const [k, v] of Object.entries((m as Record<string, unknown>) ?? {})) {
    for (const msg of isQualifiedName(k)) errs.push(field.invalid(path, k, msg));
    for (const msg of isValidLabelValue(String(v))) errs.push(field.invalid(path.key(k), v, msg));
  }
  return errs;
}

/** ResourceList values must be non-negative quantities. */
export function validateResourceList(list: unknown, path: Path): ErrorList {
  const errs: ErrorList = [];
  for (const [name, q] of Object.entries((list as Record<string, unknown>) ?? {})) {
    const v = parseQuantity(q);
    if (v === undefined) errs.push(field.invalid(path.key(name), q, quantityFormatMessage));
    else if (v < 0) errs.push(field.invalid(path.key(name), q, 'must be greater than or equal to 0'));
  }
  return errs;
}

/** A field that may not change after create, with ValidateImmutableField's message. */
export function validateImmutable(newV: unknown, oldV: unknown, path: Path): ErrorList {
  return semanticEqual(newV, oldV) ? [] : [field.invalid(path, newV, 'field is immutable')];
}
