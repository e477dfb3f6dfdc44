import {
  Store, type GetOptions, type KObject, type RequestContext, type RESTOptionsGetter, type UpdatedObjectInfo, type UpdateOptions,
} from '@kapi/apiserver-core';
import { widgetStatusStrategy, widgetStrategy } from './strategy';
import { widgetTable } from './table';

/** The widgets Store: the generic registry configured for Widget. */
export class WidgetREST extends Store {
  shortNames(): string[] {
    return ['wdg'];
  }
  categories(): string[] {
    return ['all', 'example'];
  }
}

/** widgets/status: get, update and patch through the Store with the status strategy — no create, no delete. */
export class WidgetStatusREST {
  constructor(private readonly store: Store) {}

  newObject(): KObject {
    return this.store.newObject();
  }

  get(ctx: RequestContext, name: string, opts: GetOptions): Promise<KObject> {
    return this.store.get(ctx, name, opts);
  }

  update(ctx: RequestContext, name: string, objInfo: UpdatedObjectInfo, _c: unknown, _u: unknown, _force: boolean, opts: UpdateOptions) {
    return this.store.update(ctx, name, objInfo, undefined, undefined, false, opts);
  }
}

export interface WidgetStorage {
  widget: WidgetREST;
  status: WidgetStatusREST;
}

/** Asks kapi for the storage of widgets.example.dev/widgets; never builds storage itself. */
export function newWidgetStorage(getter: RESTOptionsGetter): WidgetStorage {
  const resource = { group: 'widgets.example.dev', resource: 'widgets' };
  const widget = new WidgetREST({
    newFunc: () => ({ apiVersion: 'widgets.example.dev/v1', kind: 'Widget' }),
    newListFunc: () => ({ apiVersion: 'widgets.example.dev/v1', kind: 'WidgetList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: 'widgets.example.dev', resource: 'widget' },
    createStrategy: widgetStrategy,
    updateStrategy: widgetStrategy,
    deleteStrategy: widgetStrategy,
    tableConvertor: widgetTable,
  }).completeWithOptions({ restOptions: getter.getRESTOptions(resource) });
  return { widget, status: new WidgetStatusREST(widget.withStrategies({ updateStrategy: widgetStatusStrategy, createStrategy: undefined })) };
}
