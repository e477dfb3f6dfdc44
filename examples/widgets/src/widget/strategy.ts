import {
  bumpGenerationOnSpecChange, DefaultStrategy, keepStatusOnUpdate, resetStatusOnCreate, type ErrorList, type KObject, type RequestContext,
} from '@kapi/apiserver-core';
import { widgetValidation } from './schema';

const kind = { group: 'widgets.example.dev', version: 'v1', kind: 'Widget' };

/**
 * The Widget strategy: namespaced, status belongs to /status, generation follows the spec. Defaults, enums, bounds and
 * the immutable colour all come from the schema, as a custom resource's would.
 */
export class WidgetStrategy extends DefaultStrategy {
  readonly kind = kind;

  namespaceScoped(): boolean {
    return true;
  }

  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    resetStatusOnCreate(obj);
    obj.metadata = { ...obj.metadata, generation: 1 };
    widgetValidation.prepare(obj);
  }

  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    keepStatusOnUpdate(obj, old);
    widgetValidation.prepare(obj);
    bumpGenerationOnSpecChange(obj, old);
  }

  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return widgetValidation.validate(obj);
  }

  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return widgetValidation.validateUpdate(obj, old);
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
    widgetValidation.prepare(obj);
  }

  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return widgetValidation.validateUpdate(obj, old);
  }
}

export const widgetStrategy = new WidgetStrategy();
export const widgetStatusStrategy = new WidgetStatusStrategy();
