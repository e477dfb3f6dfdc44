import type { ErrorList, KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import type { PriorityClass } from './types';
import { validatePriorityClass, validatePriorityClassUpdate } from './validation';

/** SetDefaults_PriorityClass; value is a required int32 that reads back as 0 when left out. */
export function setDefaultsPriorityClass(pc: PriorityClass): void {
  pc.value ??= 0;
  pc.preemptionPolicy ??= 'PreemptLowerPriority';
}

/** pkg/registry/scheduling/priorityclass/strategy.go (generation 1 comes from the definition). */
export const priorityClassStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => setDefaultsPriorityClass(obj as PriorityClass),
  prepareForUpdate: (_ctx: RequestContext, obj: KObject) => setDefaultsPriorityClass(obj as PriorityClass),
  validate: (_ctx: RequestContext, obj: KObject): ErrorList => validatePriorityClass(obj as PriorityClass),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject): ErrorList => validatePriorityClassUpdate(obj as PriorityClass, old as PriorityClass),
};
