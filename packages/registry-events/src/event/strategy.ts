import type { ErrorList, KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import { validateEventCreate, validateEventUpdate } from './validation';

/**
 * events.k8s.io/v1 (pkg/registry/core/event/strategy.go with an events.k8s.io request version):
 * created by PUT too, last write wins, validated on the stored core form.
 */
export const eventStrategy: StrategyHooks = {
  validate: (_ctx: RequestContext, obj: KObject): ErrorList => validateEventCreate(obj),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject): ErrorList => validateEventUpdate(obj, old),
  allowCreateOnUpdate: () => true,
  allowUnconditionalUpdate: () => true,
};
