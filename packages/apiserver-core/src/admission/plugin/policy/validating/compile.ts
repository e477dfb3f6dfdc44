import { compileExpression, policyEnvironment, type CompiledExpression } from '../../cel/environment';
import type { ValidatingAdmissionPolicySpec } from './types';

/** One validation of a policy, compiled: the rule itself and its messageExpression. */
export interface CompiledValidation {
  readonly condition: CompiledExpression;
  readonly messageExpression?: CompiledExpression;
  readonly message?: string;
  readonly reason?: string;
}

/** A policy's expressions, compiled once per generation of the policy (kube's policy source recompiles on change). */
export interface CompiledPolicy {
  readonly variables: readonly { name: string; expression: CompiledExpression }[];
  readonly matchConditions: readonly { name: string; expression: CompiledExpression }[];
  readonly validations: readonly CompiledValidation[];
  readonly auditAnnotations: readonly { key: string; valueExpression: CompiledExpression }[];
}

export function compilePolicy(spec: ValidatingAdmissionPolicySpec): CompiledPolicy {
  const env = policyEnvironment();
  return {
    variables: (spec.variables ?? []).map((v) => ({ name: v.name, expression: compileExpression(v.expression ?? '', env) })),
    matchConditions: (spec.matchConditions ?? []).map((c) => ({ name: c.name, expression: compileExpression(c.expression ?? '', env, 'bool') })),
    validations: (spec.validations ?? []).map((v) => ({
      condition: compileExpression(v.expression ?? '', env, 'bool'),
      ...(v.messageExpression ? { messageExpression: compileExpression(v.messageExpression, env, 'string') } : {}),
      message: v.message,
      reason: v.reason,
    })),
    auditAnnotations: (spec.auditAnnotations ?? []).map((a) => ({ key: a.key, valueExpression: compileExpression(a.valueExpression ?? '', env) })),
  };
}

/** A compile problem of a stored expression, for the registry's 422 (`spec.validations[0].expression`). */
export interface ExpressionError {
  path: (string | number)[];
  expression: string;
  message: string;
}

/**
 * The expressions of a policy that do not compile, as validateValidatingAdmissionPolicySpec reports
 * them: syntax errors, undeclared references, a rule that is not bool, a message that is not string.
 * matchConditions are checked with the webhooks' (validateMatchConditions).
 */
export function policyExpressionErrors(spec: ValidatingAdmissionPolicySpec): ExpressionError[] {
  const compiled = compilePolicy(spec);
  const errs: ExpressionError[] = [];
  const check = (path: (string | number)[], c: CompiledExpression | undefined) => {
    if (c?.error && c.expression.trim()) errs.push({ path, expression: c.expression, message: c.error });
  };
  compiled.variables.forEach((v, i) => check(['variables', i, 'expression'], v.expression));
  compiled.validations.forEach((v, i) => {
    check(['validations', i, 'expression'], v.condition);
    check(['validations', i, 'messageExpression'], v.messageExpression);
  });
  compiled.auditAnnotations.forEach((a, i) => check(['auditAnnotations', i, 'valueExpression'], a.valueExpression));
  return errs;
}
