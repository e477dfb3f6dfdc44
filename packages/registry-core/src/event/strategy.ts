import { DefaultStrategy, defaultAttrs, field, Path, type Attrs, type ErrorList, type KObject, type RequestContext, type J } from '@kapi/apiserver-core';

/** ValidateEvent (core/v1): the involved object's namespace agrees with the event's; type Normal or Warning. */
export function validateEvent(obj: KObject): ErrorList {
  const errs: ErrorList = [];
  const involved = (obj.involvedObject ?? {}) as J;
  const ns = obj.metadata?.namespace ?? '';
  if (involved.namespace && involved.namespace !== ns) {
    errs.push(field.invalid(Path.root('involvedObject').child('namespace'), involved.namespace, 'does not match event.namespace'));
  }
  if (obj.type !== undefined && obj.type !== '' && !['Normal', 'Warning'].includes(String(obj.type))) {
    errs.push(field.notSupported(Path.root('type'), obj.type, ['Normal', 'Warning']));
  }
  if (typeof obj.reason === 'string' && obj.reason.length > 128) errs.push(field.tooLong(Path.root('reason'), '', 128));
  if (typeof obj.message === 'string' && obj.message.length > 4096) errs.push(field.tooLong(Path.root('message'), '', 4096));
  return errs;
}

/** pkg/registry/core/event/strategy.go: namespaced, created by PUT too, last write wins. */
export class EventStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'Event' };
  namespaceScoped(): boolean {
    return true;
  }
  override allowCreateOnUpdate(): boolean {
    return true;
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateEvent(obj);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateEvent(obj);
  }
}

export const eventStrategy = new EventStrategy();

/** The fields `kubectl get events --field-selector` may use (event.ToSelectableFields). */
export function eventAttrs(obj: KObject): Attrs {
  const attrs = defaultAttrs(obj);
  const io = (obj.involvedObject ?? {}) as J;
  const src = (obj.source ?? {}) as J;
  Object.assign(attrs.fields, {
    'involvedObject.kind': String(io.kind ?? ''),
    'involvedObject.namespace': String(io.namespace ?? ''),
    'involvedObject.name': String(io.name ?? ''),
    'involvedObject.uid': String(io.uid ?? ''),
    'involvedObject.apiVersion': String(io.apiVersion ?? ''),
    'involvedObject.resourceVersion': String(io.resourceVersion ?? ''),
    'involvedObject.fieldPath': String(io.fieldPath ?? ''),
    reason: String(obj.reason ?? ''),
    reportingComponent: String(obj.reportingComponent ?? ''),
    source: String(src.component ?? ''),
    type: String(obj.type ?? ''),
  });
  return attrs;
}
