import { field, Path, semanticEqual, type ErrorList } from '@kapi/apiserver-core';
import type { IntOrString, WorkloadSpec } from './types';

export const specPath = Path.root('spec');
export const statusPath = Path.root('status');

/** ValidateNonnegativeField. */
export function validateNonnegative(value: number | undefined, path: Path): ErrorList {
  if (value === undefined) return [];
  if (typeof value !== 'number' || !Number.isInteger(value)) return [field.invalid(path, value, 'must be an integer')];
  return value < 0 ? [field.invalid(path, value, 'must be greater than or equal to 0')] : [];
}

const percentRe = /^[0-9]+%$/;

/** ValidatePositiveIntOrPercent: a count, or a percent string ("25%"). */
export function validateIntOrPercent(value: IntOrString | undefined, path: Path): ErrorList {
  if (value === undefined) return [];
  if (typeof value === 'string') {
    return percentRe.test(value)
      ? []
      : [field.invalid(path, value, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  }
  return validateNonnegative(value, path);
}

/** IsNotMoreThan100Percent: only percent strings are bounded; a count is not. */
export function notMoreThan100Percent(value: IntOrString | undefined, path: Path): ErrorList {
  return typeof value === 'string' && percentRe.test(value) && Number(value.slice(0, -1)) > 100 ? [field.invalid(path, value, 'must not be greater than 100%')] : [];
}

/** getIntOrPercentValue: 3 → 3, "25%" → 25, absent or malformed → 0. */
export function intOrPercentValue(value: IntOrString | undefined): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && percentRe.test(value) ? Number(value.slice(0, -1)) : 0;
}

/** apps/v1 made selectors immutable: a new selector would orphan every pod the controller owns. */
export function validateImmutableSelector(spec: WorkloadSpec, oldSpec: WorkloadSpec, path: Path): ErrorList {
  if (semanticEqual(spec.selector ?? null, oldSpec.selector ?? null)) return [];
  return [field.invalid(path.child('selector'), spec.selector ?? null, 'field is immutable')];
}
