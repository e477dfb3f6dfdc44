import type { ObjectMeta } from '../runtime/object';
import { field, Path, type ErrorList } from './field';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, type ValidateNameFunc } from './names';
import { semanticEqual } from '../api/equality/semantic';

/** Annotations may not exceed 256 KiB in total, as kube-apiserver enforces. */
export const TotalAnnotationSizeLimitB = 256 * 1024;

export function validateLabels(labels: Record<string, string> | undefined, path: Path): ErrorList {
  const errs: ErrorList = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of isQualifiedName(k)) errs.push(field.invalid(path, k, msg));
    if (typeof v !== 'string') errs.push(field.invalid(path.key(k), v, 'must be a string'));
    // kube reports a bad value at metadata.labels itself, as it does a bad key.
    else for (const msg of isValidLabelValue(v)) errs.push(field.invalid(path, v, msg));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: Path): ErrorList {
  const errs: ErrorList = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(field.invalid(path, k, msg));
    total += k.length + String(v).length;
  }
  if (total > TotalAnnotationSizeLimitB) errs.push(field.tooLong(path, '', TotalAnnotationSizeLimitB));
  return errs;
}

/** ValidateObjectMeta from k8s.io/apimachinery/pkg/api/validation. */
export function validateObjectMeta(meta: ObjectMeta, namespaced: boolean, nameFn: ValidateNameFunc, path = Path.root('metadata')): ErrorList {
  const errs: ErrorList = [];
  if (meta.generateName) {
    for (const msg of nameFn(meta.generateName, true)) errs.push(field.invalid(path.child('generateName'), meta.generateName, msg));
  }
  if (!meta.name) {
    errs.push(field.required(path.child('name'), 'name or generateName is required'));
  } else {
    for (const msg of nameFn(meta.name, false)) errs.push(field.invalid(path.child('name'), meta.name, msg));
  }
  if (namespaced) {
    if (!meta.namespace) errs.push(field.required(path.child('namespace'), ''));
    else for (const msg of isDNS1123Label(meta.namespace)) errs.push(field.invalid(path.child('namespace'), meta.namespace, msg));
  } else if (meta.namespace) {
    errs.push(field.forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  if (meta.generation !== undefined && meta.generation < 0) errs.push(field.invalid(path.child('generation'), meta.generation, 'must be greater than or equal to 0'));
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateFinalizers(meta.finalizers, path.child('finalizers')));
  return errs;
}

export function validateFinalizers(finalizers: string[] | undefined, path: Path): ErrorList {
  const errs: ErrorList = [];
  const seen = new Set<string>();
  for (const f of finalizers ?? []) {
    for (const msg of isQualifiedName(f)) errs.push(field.invalid(path, f, msg));
    if (seen.has(f)) errs.push(field.duplicate(path, f));
    seen.add(f);
  }
  return errs;
}

function immutable(errs: ErrorList, path: Path, newV: unknown, oldV: unknown): void {
  if (!semanticEqual(newV, oldV)) errs.push(field.invalid(path, newV, 'field is immutable'));
}

/** ValidateObjectMetaUpdate: identity fields never change once stored. */
export function validateObjectMetaUpdate(newMeta: ObjectMeta, oldMeta: ObjectMeta, path = Path.root('metadata')): ErrorList {
  const errs: ErrorList = [];
  immutable(errs, path.child('name'), newMeta.name, oldMeta.name);
  immutable(errs, path.child('namespace'), newMeta.namespace ?? '', oldMeta.namespace ?? '');
  immutable(errs, path.child('uid'), newMeta.uid, oldMeta.uid);
  immutable(errs, path.child('creationTimestamp'), newMeta.creationTimestamp, oldMeta.creationTimestamp);
  if (oldMeta.deletionTimestamp) immutable(errs, path.child('deletionTimestamp'), newMeta.deletionTimestamp, oldMeta.deletionTimestamp);
  errs.push(...validateLabels(newMeta.labels, path.child('labels')));
  errs.push(...validateAnnotations(newMeta.annotations, path.child('annotations')));
  errs.push(...validateFinalizers(newMeta.finalizers, path.child('finalizers')));
  // ValidateNoNewFinalizers: once deletion started, finalizers may only go away.
  if (oldMeta.deletionTimestamp) {
    const added = (newMeta.finalizers ?? []).filter((f) => !(oldMeta.finalizers ?? []).includes(f));
    if (added.length) {
      const shown = `[]string{${added.map((f) => JSON.stringify(f)).join(', ')}}`;
      errs.push(field.forbidden(path.child('finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers ${shown}`));
    }
  }
  return errs;
}
