import type { ObjectMeta } from '../runtime/object';
import { field, type ErrorList, type Path } from '../validation/field';
import { isDNS1035Label, nameIsPathSegment } from '../validation/names';
import { validateObjectMeta } from '../validation/objectmeta';
import { isObject } from './types';

/**
 * The TypeMeta and ObjectMeta checks of an `x-kubernetes-embedded-resource` object (a pod template inside a CR, say):
 * apiVersion and kind are required, metadata must be valid ObjectMeta — but a name is not required, and names need only
 * be usable as a URL path segment, as kube-apiserver's objectmeta validation has it.
 */
export function validateEmbeddedResource(path: Path, x: Record<string, unknown>): ErrorList {
  const errs: ErrorList = [];
  if (!('apiVersion' in x)) errs.push(field.required(path.child('apiVersion'), 'must not be empty'));
  if (!('kind' in x)) errs.push(field.required(path.child('kind'), 'must not be empty'));
  if ('apiVersion' in x) errs.push(...validateAPIVersion(path.child('apiVersion'), x.apiVersion));
  if ('kind' in x) errs.push(...validateKind(path.child('kind'), x.kind));
  if ('metadata' in x) errs.push(...validateEmbeddedMeta(path.child('metadata'), x.metadata));
  return errs;
}

function validateAPIVersion(p: Path, v: unknown): ErrorList {
  if (typeof v !== 'string') return [field.invalid(p, v, 'must be a string')];
  if (v === '') return [field.invalid(p, v, 'must not be empty')];
  if (v.split('/').length > 2) return [field.invalid(p, v, `unexpected GroupVersion string: ${v}`)];
  return [];
}

function validateKind(p: Path, v: unknown): ErrorList {
  if (typeof v !== 'string') return [field.invalid(p, v, 'must be a string')];
  if (v === '') return [field.invalid(p, v, 'must not be empty')];
  const errs = isDNS1035Label(v.toLowerCase());
  return errs.length ? [field.invalid(p, v, `may have mixed case, but should otherwise match: ${errs.join(',')}`)] : [];
}

function validateEmbeddedMeta(p: Path, v: unknown): ErrorList {
  if (!isObject(v)) return [field.invalid(p, v, 'must be an object')];
  const meta = { ...(v as ObjectMeta) };
  // A name is optional inside another object; kube fills a placeholder so ObjectMeta validation does not ask for one.
  if (!meta.name) meta.name = 'fakename';
  return validateObjectMeta(meta, !!meta.namespace, nameIsPathSegment, p);
}
