import { field, type ErrorList, type Path } from '@kapi/apiserver-core';

/** The condition list of both kinds' status: types required and unique. */
export function validateConditions(conditions: { type?: string }[] | undefined, path: Path): ErrorList {
  const errs: ErrorList = [];
  const seen = new Set<string>();
  (conditions ?? []).forEach((c, i) => {
    const p = path.index(i);
    if (seen.has(c.type ?? '')) errs.push(field.duplicate(p.child('type'), c.type ?? ''));
    seen.add(c.type ?? '');
    if (!c.type) errs.push(field.required(p.child('type'), 'must not be empty'));
  });
  return errs;
}
