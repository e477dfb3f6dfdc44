import {
  DefaultStrategy,
  defaultAttrs,
  field,
  isQualifiedName,
  keepStatusOnUpdate,
  Path,
  semanticEqual,
  type Attrs,
  type ErrorList,
  type KObject,
  type RequestContext,
  type J,
} from '@kapi/apiserver-core';
import { validateEnum } from '../validation/common';

const cidrRe = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/;

function validateNodeSpec(spec: J, path: Path): ErrorList {
  const errs: ErrorList = [];
  const cidrs: string[] = spec.podCIDRs ?? (spec.podCIDR ? [spec.podCIDR] : []);
  cidrs.forEach((c, i) => {
    if (!cidrRe.test(c)) errs.push(field.invalid(path.child('podCIDRs').index(i), c, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  });
  if (cidrs.length > 2) errs.push(field.invalid(path.child('podCIDRs'), cidrs, 'may specify no more than one CIDR for each IP family'));
  ((spec.taints ?? []) as J[]).forEach((t, i) => {
    const tp = path.child('taints').index(i);
    if (!t.key) errs.push(field.required(tp.child('key'), ''));
    else for (const m of isQualifiedName(t.key)) errs.push(field.invalid(tp.child('key'), t.key, m));
    errs.push(...validateEnum(t.effect, tp.child('effect'), ['NoExecute', 'NoSchedule', 'PreferNoSchedule']));
  });
  return errs;
}

/** pkg/registry/core/node/strategy.go: cluster-scoped; status may be set on create (kubelets register that way). */
export class NodeStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'Node' };
  namespaceScoped(): boolean {
    return false;
  }
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    keepStatusOnUpdate(obj, old);
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateNodeSpec((obj.spec ?? {}) as J, Path.root('spec'));
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    const errs = validateNodeSpec((obj.spec ?? {}) as J, Path.root('spec'));
    const spec = (obj.spec ?? {}) as J;
    const oldSpec = (old.spec ?? {}) as J;
    if ((oldSpec.podCIDRs?.length ?? 0) > 0 && !semanticEqual(spec.podCIDRs ?? [], oldSpec.podCIDRs)) {
      errs.push(field.forbidden(Path.root('spec').child('podCIDRs'), 'node updates may not change podCIDR except from "" to valid'));
    }
    if (oldSpec.providerID && spec.providerID !== oldSpec.providerID) {
      errs.push(field.forbidden(Path.root('spec').child('providerID'), 'node updates may not change providerID except from "" to valid'));
    }
    return errs;
  }
}

/** nodeStatusStrategy: /status keeps the stored spec. */
export class NodeStatusStrategy extends NodeStrategy {
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    obj.spec = old.spec;
  }
  override validateUpdate(): ErrorList {
    return [];
  }
}

export const nodeStrategy = new NodeStrategy();
export const nodeStatusStrategy = new NodeStatusStrategy();

/** Nodes can be selected by spec.unschedulable. */
export function nodeAttrs(obj: KObject): Attrs {
  const attrs = defaultAttrs(obj);
  attrs.fields['spec.unschedulable'] = String((obj.spec as J | undefined)?.unschedulable ?? false);
  return attrs;
}
