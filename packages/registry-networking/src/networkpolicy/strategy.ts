import type { KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import { setNetworkPolicyDefaults } from './defaults';
import type { NetworkPolicy } from './types';
import { validateNetworkPolicy } from './validation';

/** Defaults run on every write (kube defaults on decode); generation follows the spec (the definition says so). */
export const networkPolicyStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => setNetworkPolicyDefaults(obj as NetworkPolicy),
  prepareForUpdate: (_ctx: RequestContext, obj: KObject) => setNetworkPolicyDefaults(obj as NetworkPolicy),
  validate: (_ctx: RequestContext, obj: KObject) => validateNetworkPolicy(obj as NetworkPolicy),
  validateUpdate: (_ctx: RequestContext, obj: KObject) => validateNetworkPolicy(obj as NetworkPolicy),
};
