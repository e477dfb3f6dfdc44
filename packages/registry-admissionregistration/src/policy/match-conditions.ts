import { admissioncel, field, isQualifiedName, type ErrorList, type Path } from '@kapi/apiserver-core';

export interface MatchCondition {
  name?: string;
  expression?: string;
}

/** kube's limit on matchConditions per webhook or policy. */
const maxMatchConditions = 64;

/**
 * validateMatchConditions: at most 64, each with a qualified, unique name and a bool expression that
 * compiles — in the webhooks' environment (object, oldObject, request) or a policy's (with params).
 */
export function validateMatchConditions(conditions: MatchCondition[], path: Path, forPolicy: boolean): ErrorList {
  const errs: ErrorList = [];
  if (conditions.length > maxMatchConditions) errs.push(field.tooMany(path, conditions.length, maxMatchConditions));
  const env = forPolicy ? admissioncel.policyEnvironment() : admissioncel.matchConditionEnvironment();
  const names = new Set<string>();
  conditions.forEach((c, i) => {
    const p = path.index(i);
    const expression = c.expression?.trim() ?? '';
    if (!expression) errs.push(field.required(p.child('expression'), ''));
    else {
      const compiled = admissioncel.compileExpression(expression, env, 'bool');
      if (compiled.error) errs.push(field.invalid(p.child('expression'), expression, compiled.error));
    }
    if (!c.name) errs.push(field.required(p.child('name'), ''));
    else for (const msg of isQualifiedName(c.name)) errs.push(field.invalid(p.child('name'), c.name, msg));
    if (c.name) {
      if (names.has(c.name)) errs.push(field.duplicate(p.child('name'), c.name));
      names.add(c.name);
    }
  });
  return errs;
}
