import type { ErrorList, KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import { validatePodDisruptionBudget, validatePodDisruptionBudgetStatus } from './validation';

/** policy/v1 writes every status count (none is omitempty): a new budget reads as a controller has not seen it yet. */
function emptyStatus(): Record<string, number> {
  return { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
}

/** pkg/registry/policy/poddisruptionbudget/strategy.go; the definition already drops status and follows the spec's generation. */
export const podDisruptionBudgetStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => {
    obj.status = emptyStatus();
  },
  validate: (_ctx: RequestContext, obj: KObject): ErrorList => validatePodDisruptionBudget(obj),
  validateUpdate: (_ctx: RequestContext, obj: KObject): ErrorList => validatePodDisruptionBudget(obj),
  // A budget guards evictions: writers must say which version they read.
  allowUnconditionalUpdate: () => false,
};

/** poddisruptionbudgets/status: what the disruption controller (and eviction) write. */
export const podDisruptionBudgetStatusStrategy: StrategyHooks = {
  validateUpdate: (_ctx: RequestContext, obj: KObject): ErrorList => validatePodDisruptionBudgetStatus(obj),
  allowUnconditionalUpdate: () => false,
};
