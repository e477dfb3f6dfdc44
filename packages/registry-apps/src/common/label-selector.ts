import { field, isQualifiedName, isValidLabelValue, LabelSelector, Path, validateLabels, type ErrorList, type Operator, type Requirement } from '@kapi/apiserver-core';
import type { LabelSelectorSpec } from './types';

const operators: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: matchLabels and matchExpressions as one selector, requirements
 * sorted by key so its string (a Scale's status.selector) reads as kube-apiserver's. Call it on a
 * validated selector; an unknown operator matches nothing.
 */
export function labelSelectorAsSelector(spec: LabelSelectorSpec): LabelSelector {
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(spec.matchLabels ?? {})) reqs.push({ key, operator: '=', values: [value] });
  for (const e of spec.matchExpressions ?? []) {
    const op = operators[e.operator];
    if (!op) return new LabelSelector([{ key: e.key, operator: 'in', values: [] }]);
    reqs.push({ key: e.key, operator: op, values: [...(e.values ?? [])].sort() });
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return new LabelSelector(reqs);
}

/** True when the selector has no requirement at all: apps refuse it ("empty selector is invalid"). */
export function isEmptySelector(spec: LabelSelectorSpec): boolean {
  return Object.keys(spec.matchLabels ?? {}).length === 0 && (spec.matchExpressions ?? []).length === 0;
}

/** metav1validation.FormatLabelSelector: what kubectl's SELECTOR column prints ("<none>" when empty). */
export function formatLabelSelector(spec: LabelSelectorSpec | undefined): string {
  if (!spec || isEmptySelector(spec)) return '<none>';
  return labelSelectorAsSelector(spec).toString();
}

/** metav1validation.ValidateLabelSelector with its messages. */
export function validateLabelSelector(spec: LabelSelectorSpec, path: Path): ErrorList {
  const errs: ErrorList = [];
  errs.push(...validateLabels(spec.matchLabels, path.child('matchLabels')));
  (spec.matchExpressions ?? []).forEach((req, i) => {
    const p = path.child('matchExpressions').index(i);
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(field.required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(field.forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(field.invalid(p.child('operator'), req.operator, 'not a valid selector operator'));
    }
    for (const msg of isQualifiedName(req.key ?? '')) errs.push(field.invalid(p.child('key'), req.key, msg));
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(v)) errs.push(field.invalid(p.child('values').index(j), v, msg));
    });
  });
  return errs;
}

export { Path };
