import {
  DefaultStrategy, defaultAttrs, keepStatusOnUpdate, nameIsDNSLabel, field, Path,
  type Attrs, type ErrorList, type KObject, type RequestContext,
} from '@kapi/apiserver-core';

/** The label kube-apiserver puts on every namespace so selectors can match it by name. */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';

function setNameLabel(obj: KObject): void {
  const name = obj.metadata?.name;
  if (name) obj.metadata = { ...obj.metadata, labels: { ...(obj.metadata?.labels ?? {}), [namespaceNameLabel]: name } };
}

/** pkg/registry/core/namespace/strategy.go: cluster-scoped, phase Active, the "kubernetes" finalizer. */
export class NamespaceStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'Namespace' };
  namespaceScoped(): boolean {
    return false;
  }
  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    obj.status = { phase: 'Active' };
    const spec = (obj.spec ?? {}) as { finalizers?: string[] };
    const finalizers = new Set(spec.finalizers ?? []);
    finalizers.add('kubernetes');
    obj.spec = { ...spec, finalizers: [...finalizers] };
    setNameLabel(obj);
  }
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    obj.spec = old.spec;
    keepStatusOnUpdate(obj, old);
    setNameLabel(obj);
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    const errs: ErrorList = [];
    const name = obj.metadata?.name ?? '';
    if (name) for (const msg of nameIsDNSLabel(name, false)) errs.push(field.invalid(Path.root('metadata').child('name'), name, msg));
    return errs;
  }
}

export const namespaceStrategy = new NamespaceStrategy();

/** Namespaces can be selected by status.phase. */
export function namespaceAttrs(obj: KObject): Attrs {
  const attrs = defaultAttrs(obj);
  attrs.fields['status.phase'] = String((obj.status as { phase?: string } | undefined)?.phase ?? '');
  return attrs;
}
