import { field, Path, semanticEqual, type ErrorList, type KObject } from '@kapi/apiserver-core';
import { validateNonnegative } from '../common/workload-validation';

/** ValidateControllerRevisionCreate: a revision is a snapshot, so it must carry data. */
export function validateControllerRevision(obj: KObject): ErrorList {
  const errs: ErrorList = [];
  if (obj.data === undefined || obj.data === null) errs.push(field.required(Path.root('data'), 'data is mandatory'));
  errs.push(...validateNonnegative(obj.revision as number | undefined, Path.root('revision')));
  return errs;
}

/** ValidateControllerRevisionUpdate: the snapshot never changes once written. */
export function validateControllerRevisionUpdate(obj: KObject, old: KObject): ErrorList {
  const errs = validateNonnegative(obj.revision as number | undefined, Path.root('revision'));
  if (!semanticEqual(obj.data, old.data)) errs.push(field.invalid(Path.root('data'), field.omitValue, 'field is immutable'));
  return errs;
}
