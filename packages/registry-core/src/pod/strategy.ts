import {
  DefaultStrategy,
  defaultAttrs,
  field,
  keepStatusOnUpdate,
  Path,
  semanticEqual,
  type Attrs,
  type ErrorList,
  type KObject,
  type RequestContext,
  type J,
} from '@kapi/apiserver-core';
import { parseQuantity } from '../validation/quantity';
import { validateContainers } from './container-validation';
import { setContainerDefaults, setPodDefaults, setPodSpecDefaults } from './defaults';
import { validatePod, validatePodUpdate } from './validation';

/** GetPodQOS: Guaranteed when every container's cpu and memory requests equal their limits, BestEffort when none are set. */
export function podQOSClass(podSpec: object | undefined): string {
  const spec = podSpec as J | undefined;
  const containers: J[] = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || parseQuantity(req[r] ?? lim[r]) !== parseQuantity(lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** pkg/registry/core/pod/strategy.go podStrategy: defaults, Pending status, immutable spec. */
export class PodStrategy extends DefaultStrategy {
  readonly kind = { group: '', version: 'v1', kind: 'Pod' };
  namespaceScoped(): boolean {
    return true;
  }
  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    setPodDefaults(obj);
    obj.status = { phase: 'Pending', qosClass: podQOSClass(obj.spec as J) };
  }
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    setPodSpecDefaults((obj.spec ??= {}) as J);
    keepStatusOnUpdate(obj, old);
  }
  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validatePod(obj);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return [...validatePod({ ...obj, spec: { ...(obj.spec as J), ephemeralContainers: undefined } }), ...validatePodUpdate(obj, old)];
  }
  /**
   * podStrategy.CheckGracefulDelete: a pod bound to a node is given its grace period (the request's,
   * else spec.terminationGracePeriodSeconds) and stays, deletionTimestamp set, until its kubelet (a
   * simulated one in the living-cluster tests) confirms with a delete of grace 0; an unscheduled or
   * finished pod goes at once.
   */
  override checkGracefulDelete(_ctx: RequestContext, obj: KObject, opts: { gracePeriodSeconds?: number }): boolean {
    const spec = (obj.spec ?? {}) as J;
    const phase = (obj.status as J | undefined)?.phase;
    let period = opts.gracePeriodSeconds ?? (typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : 0);
    if (!spec.nodeName || phase === 'Failed' || phase === 'Succeeded') period = 0;
    opts.gracePeriodSeconds = period < 0 ? 1 : period;
    return true;
  }
  override canonicalize(obj: KObject): void {
    super.canonicalize(obj);
    syncPodIPs(obj.status as J | undefined);
  }
}

/**
 * Convert_v1_PodStatus_To_core_PodStatus: podIP is authoritative for older kubelets (and kwok),
 * which set only it; podIPs then holds it alone. hostIP/hostIPs the same. Clients such as the
 * endpoints controller read podIPs.
 */
export function syncPodIPs(status: J | undefined): void {
  if (!status) return;
  for (const [one, many] of [
    ['podIP', 'podIPs'],
    ['hostIP', 'hostIPs'],
  ]) {
    const ip = status[one];
    const list = status[many] as Array<{ ip?: string }> | undefined;
    if (ip && (!list?.length || list[0].ip !== ip)) status[many] = [{ ip }];
    else if (!ip && list?.length) status[one] = list[0].ip;
  }
}

const podPhases = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

/** podStatusStrategy: /status changes status only; spec and owners stay as stored. */
export class PodStatusStrategy extends PodStrategy {
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    obj.spec = old.spec;
    const meta = obj.metadata ?? {};
    if (old.metadata?.ownerReferences) meta.ownerReferences = old.metadata.ownerReferences;
    else delete meta.ownerReferences;
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    const status = (obj.status ?? {}) as J;
    const errs: ErrorList = [];
    if (status.phase !== undefined && !podPhases.includes(status.phase)) errs.push(field.notSupported(Path.root('status').child('phase'), status.phase, podPhases));
    return errs;
  }
}

/** podEphemeralContainersStrategy: only spec.ephemeralContainers changes, and only by additions. */
export class PodEphemeralContainersStrategy extends PodStrategy {
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    const ephemeral = (obj.spec as J | undefined)?.ephemeralContainers;
    const spec = structuredClone((old.spec ?? {}) as J);
    spec.ephemeralContainers = ephemeral;
    for (const c of ephemeral ?? []) setContainerDefaults(c);
    obj.spec = spec;
    keepStatusOnUpdate(obj, old);
  }
  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    const path = Path.root('spec').child('ephemeralContainers');
    const spec = (obj.spec ?? {}) as J;
    const names = new Set<string>([...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c: J) => c.name));
    const volumes = new Set<string>((spec.volumes ?? []).map((v: J) => v.name));
    const errs = validateContainers(spec.ephemeralContainers, volumes, names, path, { probes: false });
    (spec.ephemeralContainers ?? []).forEach((c: J, i: number) => {
      for (const k of ['ports', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle']) {
        if (c[k]) errs.push(field.forbidden(path.index(i).child(k), 'cannot be set for an Ephemeral Container'));
      }
    });
    for (const oldC of ((old.spec as J | undefined)?.ephemeralContainers ?? []) as J[]) {
      const now = (spec.ephemeralContainers ?? []).find((c: J) => c.name === oldC.name);
      if (!now || !semanticEqual(now, oldC)) {
        errs.push(field.forbidden(path, 'existing ephemeral containers may not be changed'));
        break;
      }
    }
    return errs;
  }
}

export const podStrategy = new PodStrategy();
export const podStatusStrategy = new PodStatusStrategy();
export const podEphemeralContainersStrategy = new PodEphemeralContainersStrategy();

/** Pod fields a field selector may use (registry/core/pod.PodToSelectableFields). */
export function podAttrs(obj: KObject): Attrs {
  const attrs = defaultAttrs(obj);
  const spec = (obj.spec ?? {}) as J;
  const status = (obj.status ?? {}) as J;
  Object.assign(attrs.fields, {
    'spec.nodeName': String(spec.nodeName ?? ''),
    'spec.restartPolicy': String(spec.restartPolicy ?? ''),
    'spec.schedulerName': String(spec.schedulerName ?? ''),
    'spec.serviceAccountName': String(spec.serviceAccountName ?? ''),
    'spec.hostNetwork': String(spec.hostNetwork ?? false),
    'status.phase': String(status.phase ?? ''),
    'status.podIP': String(status.podIP ?? ''),
    'status.nominatedNodeName': String(status.nominatedNodeName ?? ''),
  });
  return attrs;
}
