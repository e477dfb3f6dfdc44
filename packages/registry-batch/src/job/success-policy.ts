import { field, type ErrorList, type Path } from '@kapi/apiserver-core';
import { validateNonnegative } from '@kapi/registry-core';
import type { JobSpec, SuccessPolicyRule } from '../common/types';
import { parseIndexes } from './indexes';

const maxRules = 20;
const maxSucceededIndexesLength = 64 * 1024;

/** validateSuccessPolicy: when an Indexed Job counts as succeeded before every index has. */
export function validateSuccessPolicy(spec: JobSpec, path: Path): ErrorList {
  const errs: ErrorList = [];
  const rules = spec.successPolicy?.rules ?? [];
  const rulesPath = path.child('rules');
  if (rules.length === 0) errs.push(field.required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > maxRules) errs.push(field.tooMany(rulesPath, rules.length, maxRules));
  rules.forEach((rule, i) => errs.push(...validateRule(spec.completions ?? 0, rule, rulesPath.index(i))));
  return errs;
}

function validateRule(completions: number, rule: SuccessPolicyRule, path: Path): ErrorList {
  const errs: ErrorList = [];
  if (rule.succeededCount === undefined && rule.succeededIndexes === undefined) {
    errs.push(field.required(path, 'at least one of succeededCount or succeededIndexes must be specified'));
  }
  let totalIndexes = 0;
  if (rule.succeededIndexes !== undefined) {
    const p = path.child('succeededIndexes');
    if (rule.succeededIndexes.length > maxSucceededIndexesLength) errs.push(field.tooLong(p, '', maxSucceededIndexesLength));
    const parsed = parseIndexes(rule.succeededIndexes, completions);
    if ('error' in parsed) errs.push(field.invalid(p, rule.succeededIndexes, `error parsing succeededIndexes: ${parsed.error}`));
    else totalIndexes = parsed.total;
  }
  if (rule.succeededCount !== undefined) {
    const p = path.child('succeededCount');
    errs.push(...validateNonnegative(rule.succeededCount, p));
    if (rule.succeededCount > completions) {
      errs.push(field.invalid(p, rule.succeededCount, `must be less than or equal to ${completions} (the number of specified completions)`));
    }
    if (rule.succeededIndexes !== undefined && rule.succeededCount > totalIndexes) {
      errs.push(field.invalid(p, rule.succeededCount, `must be less than or equal to ${totalIndexes} (the number of indexes in the specified succeededIndexes field)`));
    }
  }
  return errs;
}
