import type { ErrorList, KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import type { RuntimeClass } from './types';
import { validateRuntimeClass, validateRuntimeClassUpdate } from './validation';
import { runtimeClassWarnings } from './warnings';

/** A JSON null in the toleration list decodes in kube-apiserver as the zero toleration ({}). */
function zeroNullTolerations(rc: RuntimeClass): void {
  const tolerations = rc.scheduling?.tolerations;
  if (tolerations) rc.scheduling!.tolerations = tolerations.map((t) => t ?? {});
}

/** pkg/registry/node/runtimeclass/strategy.go: created on update (PUT of a new name), updates need a resourceVersion. */
export const runtimeClassStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => zeroNullTolerations(obj as RuntimeClass),
  prepareForUpdate: (_ctx: RequestContext, obj: KObject) => zeroNullTolerations(obj as RuntimeClass),
  validate: (_ctx: RequestContext, obj: KObject): ErrorList => validateRuntimeClass(obj as RuntimeClass),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject): ErrorList => validateRuntimeClassUpdate(obj as RuntimeClass, old as RuntimeClass),
  warningsOnCreate: (_ctx: RequestContext, obj: KObject) => runtimeClassWarnings(obj as RuntimeClass),
  warningsOnUpdate: (_ctx: RequestContext, obj: KObject) => runtimeClassWarnings(obj as RuntimeClass),
  allowCreateOnUpdate: () => true,
  allowUnconditionalUpdate: () => false,
};
