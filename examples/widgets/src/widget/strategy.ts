import type { ErrorList, KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import type { Widget } from './types';
import { validateWidget, validateWidgetStatus, validateWidgetUpdate } from './validation';

/** Defaults applied on every write, before validation (as kube-apiserver defaults on decode). */
function setDefaults(w: Widget): void {
  w.spec ??= {};
  w.spec.size ??= 'medium';
  w.spec.count ??= 1;
}

/** What widgets add to the conventions their definition states (status off the main resource, generation). */
export const widgetStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => setDefaults(obj as Widget),
  prepareForUpdate: (_ctx: RequestContext, obj: KObject) => setDefaults(obj as Widget),
  validate: (_ctx: RequestContext, obj: KObject): ErrorList => validateWidget(obj as Widget),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject): ErrorList => validateWidgetUpdate(obj as Widget, old as Widget),
};

/** widgets/status: the helper keeps the stored spec; the phase is checked here. */
export const widgetStatusStrategy: StrategyHooks = {
  validateUpdate: (_ctx: RequestContext, obj: KObject): ErrorList => validateWidgetStatus(obj as Widget),
};
