import {
  DefaultStrategy,
  defaultAttrs,
  isQualifiedName,
  keepStatusOnUpdate,
  nameIsDNSLabel,
  field,
  Path,
  type Attrs,
  type ErrorList,
  type KObject,
  type RequestContext,
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

const namespacePhases = ['Active', 'Terminating'];

/** namespaceStatusStrategy: /status changes the phase and conditions only. */
export class NamespaceStatusStrategy extends NamespaceStrategy {
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    obj.spec = old.spec;
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    const errs: ErrorList = [];
    if (phase !== undefined && !namespacePhases.includes(phase)) errs.push(field.notSupported(Path.root('status').child('phase'), phase, namespacePhases));
    // A namespace being deleted stays Terminating (ValidateNamespaceStatusUpdate).
    if (old.metadata?.deletionTimestamp && phase !== 'Terminating') {
      errs.push(field.invalid(Path.root('status').child('phase'), phase, 'A namespace may only be in terminating status if it has a deletion timestamp.'));
    }
    return errs;
  }
}

/** namespaceFinalizeStrategy: /finalize changes spec.finalizers only. */
export class NamespaceFinalizeStrategy extends NamespaceStrategy {
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    const finalizers = (obj.spec as { finalizers?: string[] } | undefined)?.finalizers;
    obj.status = old.status;
    obj.spec = { ...((old.spec as object) ?? {}), finalizers: finalizers ?? [] };
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    const errs: ErrorList = [];
    ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).forEach((f, i) => {
      for (const m of isQualifiedName(f)) errs.push(field.invalid(Path.root('spec').child('finalizers').index(i), f, m));
    });
    return errs;
  }
}

export const namespaceStatusStrategy = new NamespaceStatusStrategy();
export const namespaceFinalizeStrategy = new NamespaceFinalizeStrategy();

/** Namespaces can be selected by status.phase. */
export function namespaceAttrs(obj: KObject): Attrs {
  const attrs = defaultAttrs(obj);
  attrs.fields['status.phase'] = String((obj.status as { phase?: string } | undefined)?.phase ?? '');
  return attrs;
}
