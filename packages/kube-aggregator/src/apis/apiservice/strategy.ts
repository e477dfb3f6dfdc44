import { isValidPathSegmentName, type ErrorList, type KObject, type RequestContext, type StrategyHooks } from '@kapi/apiserver-core';
import type { APIService } from './types';
import { validateAPIService, validateAPIServiceStatus } from './validation';

/** kube-aggregator's apiServerStrategy: cluster-scoped, no create on update, updates need a resourceVersion. */
export const apiServiceStrategy: StrategyHooks = {
  validate: (_ctx: RequestContext, obj: KObject): ErrorList => validateAPIService(obj as APIService),
  validateUpdate: (_ctx: RequestContext, obj: KObject): ErrorList => validateAPIService(obj as APIService),
  allowCreateOnUpdate: () => false,
  allowUnconditionalUpdate: () => false,
  // The name is checked as a path segment here; that it equals version.group is validateAPIService's.
  nameValidation: (name) => isValidPathSegmentName(name),
};

/** apiServerStatusStrategy: only the conditions change through /status. */
export const apiServiceStatusStrategy: StrategyHooks = {
  validateUpdate: (_ctx: RequestContext, obj: KObject): ErrorList => validateAPIServiceStatus(obj as APIService),
};
