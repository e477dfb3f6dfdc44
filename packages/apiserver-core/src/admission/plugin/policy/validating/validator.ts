import { EvaluationError, PerCallLimit, RuntimeCELCostBudget } from '../../../../cel';
import type { CompiledExpression } from '../../cel/environment';
import { evaluateMatchConditions, OutOfBudgetError } from '../../cel/match-conditions';
import type { CompiledPolicy } from './compile';

/** The values an evaluation binds (cel.OptionalVariableBindings plus the request's own). */
export interface PolicyInput {
  object: unknown;
  oldObject: unknown;
  request: unknown;
  params: unknown;
  namespaceObject: unknown;
  authorizer: unknown;
}

export type PolicyDecisionAction = 'admit' | 'deny';

/** validating.PolicyDecision. */
export interface PolicyDecision {
  action: PolicyDecisionAction;
  evaluation: 'admit' | 'deny' | 'error';
  message: string;
  reason?: string;
}

/** validating.PolicyAuditAnnotation. */
export interface PolicyAuditAnnotation {
  key: string;
  action: 'publish' | 'error' | 'exclude';
  value?: string;
  error?: string;
}

export interface ValidateResult {
  decisions: PolicyDecision[];
  auditAnnotations: PolicyAuditAnnotation[];
}

/** celconfig.MaxEvaluatedMessageExpressionSizeBytes. */
const maxEvaluatedMessageExpressionSizeBytes = 5 * 1024;

const outOfBudget = 'validation failed due to running out of cost budget, no further validation rules will be run';

/**
 * One evaluation context: the bound values, the lazily evaluated `variables` (kube evaluates a
 * variable the first time an expression reads it, once per request) and the request's cost budget.
 */
class Evaluation {
  remaining = RuntimeCELCostBudget;
  readonly activation: Record<string, unknown>;

  constructor(policy: CompiledPolicy, input: PolicyInput) {
    const variables: Record<string, unknown> = {};
    for (const v of policy.variables) {
      let done = false;
      let value: unknown;
      Object.defineProperty(variables, v.name, {
        enumerable: true,
        get: () => {
          if (!done) {
            value = this.run(v.expression);
            done = true;
          }
          return value;
        },
      });
    }
    this.activation = { ...input, variables };
  }

  /** Evaluates a compiled expression; throws its error in kube's words (`expression '…' resulted in error: …`). */
  run(c: CompiledExpression): unknown {
    if (!c.program) throw new Error(`compilation error: ${c.error}`);
    let result;
    try {
      result = c.program.evaluate(this.activation, { costLimit: Math.min(PerCallLimit, this.remaining) });
    } catch (err) {
      if (err instanceof EvaluationError && err.costExceeded && this.remaining < PerCallLimit) throw new OutOfBudgetError(outOfBudget);
      if (err instanceof OutOfBudgetError) throw err;
      throw new Error(`expression '${c.expression}' resulted in error: ${(err as Error).message}`);
    }
    this.remaining -= result.cost;
    return result.value;
  }
}

const actionForError = (failurePolicy: string): PolicyDecisionAction => (failurePolicy === 'Ignore' ? 'admit' : 'deny');

/**
 * validator.Validate: the match conditions, then every validation as a decision (with its message
 * from messageExpression, message or the expression), then the audit annotations.
 */
export function validatePolicy(policy: CompiledPolicy, failurePolicy: string, input: PolicyInput): ValidateResult {
  const ev = new Evaluation(policy, input);
  const errorDecision = (message: string): ValidateResult => ({ decisions: [{ action: actionForError(failurePolicy), evaluation: 'error', message }], auditAnnotations: [] });
  try {
    const match = evaluateMatchConditions(policy.matchConditions, failurePolicy, (c) => ev.run(c));
    if (match.error) return errorDecision(match.error);
    if (!match.matches) return { decisions: [], auditAnnotations: [] };
    const decisions = policy.validations.map((v): PolicyDecision => {
      let ok: unknown;
      try {
        ok = ev.run(v.condition);
      } catch (err) {
        if (err instanceof OutOfBudgetError) throw err;
        return { action: actionForError(failurePolicy), evaluation: 'error', message: (err as Error).message };
      }
      if (ok === true) return { action: 'admit', evaluation: 'admit', message: '' };
      return { action: 'deny', evaluation: 'deny', reason: v.reason ?? 'Invalid', message: failureMessage(v, ev) };
    });
    const auditAnnotations = policy.auditAnnotations.map((a) => auditAnnotation(a, failurePolicy, ev));
    return { decisions, auditAnnotations };
  } catch (err) {
    if (err instanceof OutOfBudgetError) return errorDecision(err.message);
    throw err;
  }
}

/** The failure message: messageExpression's single-line string, else message, else `failed expression: …`. */
function failureMessage(v: CompiledPolicy['validations'][number], ev: Evaluation): string {
  let message = '';
  if (v.messageExpression) {
    try {
      const value = ev.run(v.messageExpression);
      if (typeof value === 'string') message = value.trim();
    } catch (err) {
      if (err instanceof OutOfBudgetError) throw err;
      // kube logs a failing messageExpression and falls back to message.
    }
    if (message.length > maxEvaluatedMessageExpressionSizeBytes || message.includes('\n')) message = '';
  }
  if (!message && v.message) message = v.message.trim();
  return message || `failed expression: ${v.condition.expression.trim()}`;
}

function auditAnnotation(a: CompiledPolicy['auditAnnotations'][number], failurePolicy: string, ev: Evaluation): PolicyAuditAnnotation {
  const onError = failurePolicy === 'Ignore' ? 'exclude' : 'error';
  let value: unknown;
  try {
    value = ev.run(a.valueExpression);
  } catch (err) {
    if (err instanceof OutOfBudgetError) throw err;
    return { key: a.key, action: onError, error: (err as Error).message };
  }
  if (value === null) return { key: a.key, action: 'exclude' };
  if (typeof value !== 'string') {
    return {
      key: a.key,
      action: 'error',
      error: `valueExpression '${a.valueExpression.expression}' resulted in unsupported return type: ${celTypeName(value)}. Return type must be either string or null.`,
    };
  }
  const trimmed = value.trim();
  return trimmed ? { key: a.key, action: 'publish', value: trimmed } : { key: a.key, action: 'exclude' };
}

function celTypeName(v: unknown): string {
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  return 'map';
}
