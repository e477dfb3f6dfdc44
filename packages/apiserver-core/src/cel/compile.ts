import type { CelASTNode } from './engine';
import { CostLimitExceededError, meterExpression, PerCallLimit, type CostMeter } from './cost';
import type { CELEnvironment } from './environment';
import { estimateCost, type SizeHint } from './estimate';

/** A compile problem, worded as kube-apiserver reports it (`compilation failed: ERROR: <input>:1:5: …`). */
export class CompileError extends Error {}

/** A runtime problem of one evaluation (`no such key: x`, `division by zero`, the cost limit). */
export class EvaluationError extends Error {
  constructor(
    message: string,
    readonly costExceeded = false,
  ) {
    super(message);
  }
}

export interface CompileOptions {
  /** The cost one evaluation may use; kube's PerCallLimit by default. */
  costLimit?: number;
  /** The result type the expression must have ('bool' for validation rules, 'string' for messageExpression). */
  resultType?: string;
}

export interface EvaluateOptions {
  /** A lower limit for this evaluation (what is left of a per-object budget). */
  costLimit?: number;
}

/** A compiled expression: parse and type-check happen once, evaluate runs per request. */
export interface Program {
  readonly expression: string;
  /** The variables the expression reads (`oldSelf` makes a CRD rule a transition rule). */
  readonly variablesUsed: ReadonlySet<string>;
  /** The expression's result type as checked ('bool', 'string', 'dyn'…). */
  readonly resultType: string;
  /** A worst-case cost estimate, given what is known of the variables' sizes (see estimate.ts). */
  estimateCost(variables: Record<string, SizeHint | undefined>): number;
  /** The value, and the cost the evaluation used; throws EvaluationError. */
  evaluate(activation: Record<string, unknown>, opts?: EvaluateOptions): { value: unknown; cost: number };
}

/** Compiles `expression` in `env`; throws CompileError with kube's wording. */
export function compile(expression: string, env: CELEnvironment, opts: CompileOptions = {}): Program {
  let parsed: ReturnType<typeof env.env.parse>;
  try {
    parsed = env.env.parse(expression);
  } catch (err) {
    throw new CompileError(`compilation failed: ${issue(expression, err)}`);
  }
  const checked = parsed.check();
  if (!checked.valid) throw new CompileError(`compilation failed: ${issue(expression, checked.error)}`);
  const resultType = checked.type ?? 'dyn';
  if (opts.resultType && resultType !== opts.resultType && resultType !== 'dyn') {
    throw new CompileError(opts.resultType === 'bool' ? 'cel expression must evaluate to a bool' : `cel expression must evaluate to a ${opts.resultType}`);
  }
  const meter: CostMeter = { cost: 0, limit: opts.costLimit ?? PerCallLimit };
  meterExpression(parsed.ast, meter);
  const defaultLimit = meter.limit;
  return {
    expression,
    variablesUsed: identifiers(parsed.ast, new Set(Object.keys(env.variables))),
    resultType,
    estimateCost: (variables) => estimateCost(parsed.ast, variables),
    evaluate(activation, eopts = {}) {
      meter.cost = 0;
      meter.limit = Math.min(defaultLimit, eopts.costLimit ?? defaultLimit);
      try {
        const value = parsed(activation);
        return { value, cost: meter.cost };
      } catch (err) {
        if (err instanceof CostLimitExceededError) throw new EvaluationError(err.message, true);
        throw new EvaluationError(runtimeMessage(err));
      }
    },
  };
}

/** The declared variables an expression refers to. */
function identifiers(root: CelASTNode, declared: Set<string>): Set<string> {
  const used = new Set<string>();
  const visit = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(visit);
    const node = x as { op?: string; args?: unknown };
    if (node.op === 'id' && typeof node.args === 'string' && declared.has(node.args)) used.add(node.args);
    visit(node.args);
  };
  visit(root);
  return used;
}

/** cel-go's issue format: `ERROR: <input>:line:col: message` and the source line with a caret under the column. */
function issue(expression: string, err: unknown): string {
  const e = err as { summary?: string; message?: string; range?: { start: number } };
  const summary = checkWording(kubeWording(e.summary ?? e.message ?? String(err)));
  const at = e.range?.start ?? 0;
  const before = expression.slice(0, at);
  const line = before.split('\n').length;
  const col = at - (before.lastIndexOf('\n') + 1);
  const text = expression.split('\n')[line - 1] ?? '';
  return `ERROR: <input>:${line}:${col + 1}: ${summary}\n | ${text}\n | ${'.'.repeat(col)}^`;
}

function runtimeMessage(err: unknown): string {
  const e = err as { summary?: string; message?: string };
  return kubeWording(e.summary ?? e.message ?? String(err));
}

/** cel-go's type-checker words for what the engine reports as a missing key or overload. */
function checkWording(msg: string): string {
  return msg.replace(/^no such key: (.*)$/, "undefined field '$1'").replace(/^no such overload: (\S+) (\S+) (\S+)$/, "found no matching overload for '_$2_' applied to '($1, $3)'");
}

/** The engine's words for the errors cel-go names differently. */
function kubeWording(msg: string): string {
  return msg
    .replace(/^Unknown variable: (.*)$/, "undeclared reference to '$1' (in container '')")
    .replace(/^No such key: index out of bounds, index (\d+) >= size \d+$/, 'index out of bounds: $1')
    .replace(/^No such key: /, 'no such key: ');
}
