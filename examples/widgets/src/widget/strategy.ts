import {
  bumpGenerationOnSpecChange, DefaultStrategy, keepStatusOnUpdate, resetStatusOnCreate, type ErrorList, type KObject, type RequestContext,
} from '@kapi/apiserver-core';
import type { Widget } from './types';
import { validateWidget, validateWidgetStatus, validateWidgetUpdate } from './validation';

const kind = { group: 'widgets.example.dev', version: 'v1', kind: 'Widget' };

/** Defaults applied on every write, before validation (as kube-apiserver defaults on decode). */
function setDefaults(w: Widget): void {
  w.spec ??= {};
  w.spec.size ??= 'medium';
  w.spec.count ??= 1;
}

/** The Widget strategy: namespaced, status belongs to /status, generation follows the spec. */
export class WidgetStrategy extends DefaultStrategy {
  readonly kind = kind;

  namespaceScoped(): boolean {
    return true;
  }

  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    resetStatusOnCreate(obj);
    obj.metadata = { ...obj.metadata, generation: 1 };
    setDefaults(obj as Widget);
  }

  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    keepStatusOnUpdate(obj, old);
    setDefaults(obj as Widget);
    bumpGenerationOnSpecChange(obj, old);
  }

  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateWidget(obj as Widget);
  }

  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return validateWidgetUpdate(obj as Widget, old as Widget);
  }
}

/** widgets/status: the spec is the stored one whatever the client sends. */
export class WidgetStatusStrategy extends DefaultStrategy {
  readonly kind = kind;

  namespaceScoped(): boolean {
    return true;
  }

  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    obj.spec = old.spec;
  }

  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateWidgetStatus(obj as Widget);
  }
}

export const widgetStrategy = new WidgetStrategy();
export const widgetStatusStrategy = new WidgetStatusStrategy();
