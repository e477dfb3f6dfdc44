import type { KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import { ingressClassAnnotation, type Ingress } from './types';
import { validateIngressCreate, validateIngressStatus, validateIngressUpdate } from './validation';

/** The class annotation still works, but kube steers creates towards the field. */
function warnOnClassAnnotation(ing: Ingress): string[] {
  const annotated = ing.metadata?.annotations?.[ingressClassAnnotation] !== undefined;
  return annotated && ing.spec?.ingressClassName === undefined ? [`annotation "${ingressClassAnnotation}" is deprecated, please use 'spec.ingressClassName' instead`] : [];
}

/** The helper drops status on create, keeps it on update and moves the generation with the spec. */
export const ingressStrategy: StrategyHooks = {
  validate: (_ctx: RequestContext, obj: KObject) => validateIngressCreate(obj as Ingress),
  warningsOnCreate: (_ctx: RequestContext, obj: KObject) => warnOnClassAnnotation(obj as Ingress),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => validateIngressUpdate(obj as Ingress, old as Ingress),
};

/** ingresses/status: the load balancer's addresses, written by the ingress controller. */
export const ingressStatusStrategy: StrategyHooks = {
  validateUpdate: (_ctx: RequestContext, obj: KObject) => validateIngressStatus(obj as Ingress),
};
