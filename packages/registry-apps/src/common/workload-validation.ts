import { field, Path, type ErrorList } from '@kapi/apiserver-core';
import { isEmptySelector, labelSelectorAsSelector, validateLabelSelector } from './label-selector';
import { validateWorkloadPodTemplate } from './pod-template';
import { semanticEqual } from './semantic-equal';
import type { IntOrString, WorkloadSpec } from './types';

/** ValidateNonnegativeField. */
export function validateNonnegative(value: number | undefined, path: Path): ErrorList {
  if (value === undefined) return [];
  if (typeof value !== 'number' || !Number.isInteger(value)) return [field.invalid(path, value, 'must be an integer')];
  return value < 0 ? [field.invalid(path, value, 'must be greater than or equal to 0')] : [];
}

/**
 * The selector/template pair every controller has: a non-empty, valid selector that selects the
 * template's own labels (else the controller would adopt pods it cannot see), and a valid template.
 * `kindWord` is the word kube-apiserver puts into "empty selector is invalid for <kind>".
 */
export function validateSelectorAndTemplate(spec: WorkloadSpec, path: Path, kindWord: string): ErrorList {
  const errs: ErrorList = [];
  const selectorPath = path.child('selector');
  let usable = false;
  if (!spec.selector) {
    errs.push(field.required(selectorPath, ''));
  } else {
    const selectorErrs = validateLabelSelector(spec.selector, selectorPath);
    errs.push(...selectorErrs);
    if (isEmptySelector(spec.selector)) errs.push(field.invalid(selectorPath, spec.selector, `empty selector is invalid for ${kindWord}`));
    // LabelSelectorAsSelector fails on what validation refused: kube-apiserver then says so once more, and skips the label match.
    if (selectorErrs.length) errs.push(field.invalid(selectorPath, spec.selector, 'invalid label selector'));
    usable = selectorErrs.length === 0 && !isEmptySelector(spec.selector);
  }
  const templatePath = path.child('template');
  if (!spec.template) {
    errs.push(field.required(templatePath, ''));
    return errs;
  }
  if (usable && !labelSelectorAsSelector(spec.selector!).matches(spec.template.metadata?.labels ?? {})) {
    errs.push(field.invalid(templatePath.child('metadata', 'labels'), spec.template.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
  }
  errs.push(...validateWorkloadPodTemplate(spec.template, templatePath));
  return errs;
}

/** replicas, minReadySeconds and revisionHistoryLimit: counts, never negative. */
export function validateCounts(spec: WorkloadSpec, path: Path): ErrorList {
  return [
    ...validateNonnegative(spec.replicas, path.child('replicas')),
    ...validateNonnegative(spec.minReadySeconds, path.child('minReadySeconds')),
    ...validateNonnegative(spec.revisionHistoryLimit, path.child('revisionHistoryLimit')),
  ];
}

const percentRe = /^[0-9]+%$/;

/** ValidatePositiveIntOrPercent plus IsNotMoreThan100Percent: 3, "25%", never "125%" nor "x". */
export function validateIntOrPercent(value: IntOrString | undefined, path: Path): ErrorList {
  if (value === undefined) return [];
  if (typeof value === 'string') {
    if (!percentRe.test(value)) {
      return [field.invalid(path, value, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
    }
    return Number(value.slice(0, -1)) > 100 ? [field.invalid(path, value, 'must not be greater than 100%')] : [];
  }
  return validateNonnegative(value, path);
}

/** Zero as an int or as "0%"; absent counts as zero (callers run after defaulting, which fills both bounds). */
export function isZero(value: IntOrString | undefined): boolean {
  return value === 0 || value === '0%' || value === undefined;
}

/** apps/v1 made selectors immutable: a new selector would orphan every pod the controller owns. */
export function validateImmutableSelector(spec: WorkloadSpec, oldSpec: WorkloadSpec, path: Path): ErrorList {
  if (semanticEqual(spec.selector ?? null, oldSpec.selector ?? null)) return [];
  return [field.invalid(path.child('selector'), spec.selector ?? null, 'field is immutable')];
}

export const specPath = Path.root('spec');
export const statusPath = Path.root('status');
