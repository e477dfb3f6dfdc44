import { field, isQualifiedName, Path, semanticEqual, type ErrorList } from '@kapi/apiserver-core';
import { validateQualifiedName } from '../common/validation';
import type { StorageClass, TopologySelectorTerm } from './types';

const maxParameterCount = 512;
const maxParameterBytes = 256 * 1024;
const reclaimPolicies = ['Delete', 'Retain'];
const bindingModes = ['Immediate', 'WaitForFirstConsumer'];

function validateProvisioner(provisioner: string | undefined, path: Path): ErrorList {
  if (!provisioner) return [field.required(path, '')];
  // kube lower-cases first: provisioner names such as "kubernetes.io/AWS-EBS" are accepted.
  return validateQualifiedName(provisioner.toLowerCase(), path);
}

function validateParameters(params: Record<string, string> | undefined, path: Path): ErrorList {
  const entries = Object.entries(params ?? {});
  if (entries.length > maxParameterCount) return [field.tooLong(path, '', maxParameterCount)];
  const errs: ErrorList = [];
  let size = 0;
  for (const [k, v] of entries) {
    if (k.length < 1) errs.push(field.invalid(path, k, 'field can not be empty.'));
    size += k.length + String(v).length;
  }
  if (size > maxParameterBytes) errs.push(field.tooLong(path, '', maxParameterBytes));
  return errs;
}

/** ValidateTopologySelectorTerm and the duplicate-term check of validateAllowedTopologies. */
function validateAllowedTopologies(terms: TopologySelectorTerm[] | undefined, path: Path): ErrorList {
  const errs: ErrorList = [];
  const seen: Record<string, string[]>[] = [];
  (terms ?? []).forEach((term, i) => {
    const exprs = term.matchLabelExpressions ?? [];
    const byKey: Record<string, string[]> = {};
    exprs.forEach((req, j) => {
      const p = path.index(i).child('matchLabelExpressions').index(j);
      const values = req.values ?? [];
      if (values.length === 0) errs.push(field.required(p.child('values'), ''));
      values.forEach((v, k) => {
        if (values.indexOf(v) !== k) errs.push(field.duplicate(p.child('values').index(k), v));
      });
      for (const m of isQualifiedName(req.key ?? '')) errs.push(field.invalid(p.child('key'), req.key, m));
      if (req.key in byKey) errs.push(field.duplicate(p.child('key'), req.key));
      byKey[req.key] = [...new Set(values)].sort();
    });
    if (seen.some((s) => semanticEqual(s, byKey))) errs.push(field.duplicate(path.index(i).child('matchLabelExpressions'), ''));
    seen.push(byKey);
  });
  return errs;
}

/** ValidateStorageClass (the metadata is checked by the Store). */
export function validateStorageClass(sc: StorageClass): ErrorList {
  const errs: ErrorList = [...validateProvisioner(sc.provisioner, Path.root('provisioner')), ...validateParameters(sc.parameters, Path.root('parameters'))];
  if (sc.reclaimPolicy && !reclaimPolicies.includes(sc.reclaimPolicy)) {
    errs.push(field.notSupported(Path.root('reclaimPolicy'), sc.reclaimPolicy, reclaimPolicies));
  }
  if (sc.volumeBindingMode === undefined) errs.push(field.required(Path.root('volumeBindingMode'), ''));
  else if (!bindingModes.includes(sc.volumeBindingMode)) errs.push(field.notSupported(Path.root('volumeBindingMode'), sc.volumeBindingMode, bindingModes));
  errs.push(...validateAllowedTopologies(sc.allowedTopologies, Path.root('allowedTopologies')));
  return errs;
}

/** ValidateStorageClassUpdate: what provisions volumes may not change under the volumes already made. */
export function validateStorageClassUpdate(sc: StorageClass, old: StorageClass): ErrorList {
  const errs = validateStorageClass(sc);
  if (!semanticEqual(sc.parameters ?? {}, old.parameters ?? {})) errs.push(field.forbidden(Path.root('parameters'), 'updates to parameters are forbidden.'));
  if (sc.provisioner !== old.provisioner) errs.push(field.forbidden(Path.root('provisioner'), 'updates to provisioner are forbidden.'));
  if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(field.forbidden(Path.root('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  if (sc.volumeBindingMode !== old.volumeBindingMode) errs.push(field.invalid(Path.root('volumeBindingMode'), sc.volumeBindingMode, 'field is immutable'));
  return errs;
}
