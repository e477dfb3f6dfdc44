import type { KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import type { Ingress } from './types';
import { validateIngressCreate, validateIngressStatus, validateIngressUpdate } from './validation';

/** The helper drops status on create, keeps it on update and moves the generation with the spec. */
export const ingressStrategy: StrategyHooks = {
  validate: (_ctx: RequestContext, obj: KObject) => validateIngressCreate(obj as Ingress),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => validateIngressUpdate(obj as Ingress, old as Ingress),
};

/** ingresses/status: the load balancer's addresses, written by the ingress controller. */
export const ingressStatusStrategy: StrategyHooks = {
  validateUpdate: (_ctx: RequestContext, obj: KObject) => validateIngressStatus(obj as Ingress),
};
