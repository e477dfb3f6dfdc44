import type { KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import { setIngressClassDefaults } from './defaults';
import type { IngressClass } from './types';
import { validateIngressClass, validateIngressClassUpdate } from './validation';

export const ingressClassStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => setIngressClassDefaults(obj as IngressClass),
  prepareForUpdate: (_ctx: RequestContext, obj: KObject) => setIngressClassDefaults(obj as IngressClass),
  validate: (_ctx: RequestContext, obj: KObject) => validateIngressClass(obj as IngressClass),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => validateIngressClassUpdate(obj as IngressClass, old as IngressClass),
};
