import type { CompiledExpression } from './environment';

/** The request's CEL budget is spent: no further expression runs (kube's ErrOutOfBudget). */
export class OutOfBudgetError extends Error {}

/**
 * matchconditions.Matcher: any condition false means no match (errors then do not matter); otherwise
 * errors are judged by the failure policy — Ignore skips the webhook or policy, Fail reports them
 * (one error as it is, several as kube's aggregate `[a, b]`).
 */
export function evaluateMatchConditions(
  conditions: readonly { name: string; expression: CompiledExpression }[],
  failurePolicy: string,
  run: (c: CompiledExpression) => unknown,
): { matches: boolean; error?: string } {
  const errors: string[] = [];
  for (const c of conditions) {
    let value: unknown;
    try {
      value = run(c.expression);
    } catch (err) {
      if (!(err instanceof Error) || err instanceof OutOfBudgetError) throw err;
      errors.push(err.message);
      continue;
    }
    if (value === false) return { matches: false };
  }
  if (!errors.length) return { matches: true };
  if (failurePolicy === 'Ignore') return { matches: false };
  return { matches: false, error: errors.length === 1 ? errors[0] : `[${errors.join(', ')}]` };
}

/** Evaluates a compiled expression with kube's error wording (cel filter's ForInput). */
export function runExpression(c: CompiledExpression, activation: Record<string, unknown>): unknown {
  if (!c.program) throw new Error(`compilation error: ${c.error}`);
  try {
    return c.program.evaluate(activation).value;
  } catch (err) {
    throw new Error(`expression '${c.expression}' resulted in error: ${(err as Error).message}`);
  }
}
