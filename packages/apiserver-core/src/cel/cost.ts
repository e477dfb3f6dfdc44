import type { CelASTNode } from './engine';

/** kube's per-expression runtime cost limit (k8s.io/apiserver/pkg/apis/cel PerCallLimit). */
export const PerCallLimit = 1_000_000;
/** kube's runtime budget for all the rules of one custom resource (RuntimeCELCostBudget). */
export const RuntimeCELCostBudget = 10_000_000;

/** cel-go's message when an evaluation goes over its limit; kube-apiserver matches on its prefix. */
export const costLimitExceededMessage = 'operation cancelled: actual cost limit exceeded';

export class CostLimitExceededError extends Error {
  constructor() {
    super(costLimitExceededMessage);
  }
}

/** The running cost of one evaluation. */
export interface CostMeter {
  cost: number;
  limit: number;
}

type Evaluate = (ev: unknown, ast: unknown, ctx: unknown) => unknown;
interface NodeMeta {
  evaluate: Evaluate;
  alternate?: { evaluate: Evaluate };
  macro?: { evaluate: Evaluate };
}
type MeteredNode = { meta: NodeMeta; evaluate: Evaluate };

/**
 * Makes every node of a parsed expression count one unit of cost on `meter` each time it is evaluated, and stop the
 * evaluation with kube's "actual cost limit exceeded" once the limit is passed. Comprehensions (all, exists, map, filter)
 * evaluate their step once per element, so a rule's cost grows with the data as cel-go's actual cost does. The cost
 * unit is one evaluated node, an approximation of cel-go's per-operation costs (string operations are not weighted by size).
 */
export function meterExpression(root: CelASTNode, meter: CostMeter): void {
  const nodeClass = (root as object).constructor;
  const seen = new Set<unknown>();
  const visit = (x: unknown): void => {
    if (x === null || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) return x.forEach(visit);
    if (x instanceof nodeClass) {
      wrap(x as unknown as MeteredNode, meter);
      const meta = (x as unknown as MeteredNode).meta;
      visit((x as { args?: unknown }).args);
      visit(meta.alternate);
      visit(meta.macro);
      return;
    }
    // Macro payloads are plain objects holding the nodes of their loop; anything else (types, registries) is not walked.
    const proto = Object.getPrototypeOf(x);
    if (proto === Object.prototype || proto === null) Object.values(x).forEach(visit);
  };
  visit(root);
}

function wrap(node: MeteredNode, meter: CostMeter): void {
  const meta = node.meta;
  const target: Evaluate = meta.alternate
    ? (ev, _ast, ctx) => meta.alternate!.evaluate(ev, meta.alternate, ctx)
    : meta.macro
      ? (ev, _ast, ctx) => meta.macro!.evaluate(ev, meta.macro, ctx)
      : meta.evaluate;
  node.evaluate = (ev, ast, ctx) => {
    if (++meter.cost > meter.limit) throw new CostLimitExceededError();
    return target(ev, ast, ctx);
  };
}
