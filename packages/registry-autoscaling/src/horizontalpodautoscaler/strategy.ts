import type { ErrorList, KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import { setHorizontalPodAutoscalerDefaults } from './defaults';
import { validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerStatus } from './validation';

/**
 * pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go, on the stored v2 form (a v1 request
 * is converted first). Defaults run here because v2 is the version stored and served unconverted.
 */
export const horizontalPodAutoscalerStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => {
    setHorizontalPodAutoscalerDefaults(obj);
    // v2 writes desiredReplicas and currentMetrics even when no controller has filled them.
    obj.status = { currentMetrics: null, desiredReplicas: 0 };
  },
  prepareForUpdate: (_ctx: RequestContext, obj: KObject) => setHorizontalPodAutoscalerDefaults(obj),
  validate: (_ctx: RequestContext, obj: KObject): ErrorList => validateHorizontalPodAutoscaler(obj),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject): ErrorList => validateHorizontalPodAutoscaler(obj, old),
};

/** horizontalpodautoscalers/status: what the HPA controller writes. */
export const horizontalPodAutoscalerStatusStrategy: StrategyHooks = {
  validateUpdate: (_ctx: RequestContext, obj: KObject): ErrorList => validateHorizontalPodAutoscalerStatus(obj),
};
