import {
  field, newBadRequest, newInvalid, newNotFound, Path, validateObjectMeta, nameIsDNSSubdomain, trackScaleUpdate,
  type ErrorList, type GetOptions, type GroupVersion, type GroupVersionKind, type KObject, type RequestContext, type Store,
  type UpdatedObjectInfo, type UpdateOptions,
} from '@kapi/apiserver-core';
import { labelSelectorAsSelector } from './label-selector';
import { specOf, type WorkloadSpec } from './types';
import { validateNonnegative } from './workload-validation';

/** autoscaling/v1 Scale, the kind every `<resource>/scale` speaks whatever its parent's group. */
export const scaleKind: GroupVersionKind = { group: 'autoscaling', version: 'v1', kind: 'Scale' };

export interface Scale extends KObject {
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

/** scaleFrom<Kind>: identity of the parent, desired replicas from its spec, observed ones and the selector from its status. */
export function scaleFromWorkload(obj: KObject): Scale {
  const spec = specOf<WorkloadSpec>(obj);
  const status = (obj.status ?? {}) as { replicas?: number };
  const m = obj.metadata ?? {};
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: {
      replicas: status.replicas ?? 0,
      ...(spec.selector ? { selector: labelSelectorAsSelector(spec.selector).toString() } : {}),
    },
  };
}

/** autoscaling validation.ValidateScale. */
function validateScale(scale: KObject): ErrorList {
  const errs: ErrorList = validateObjectMeta(scale.metadata ?? {}, true, nameIsDNSSubdomain);
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (replicas !== undefined && typeof replicas !== 'number') errs.push(field.invalid(Path.root('spec').child('replicas'), replicas, 'must be an integer'));
  else errs.push(...validateNonnegative(replicas as number | undefined, Path.root('spec').child('replicas')));
  return errs;
}

/**
 * `<resource>/scale` (ScaleREST of pkg/registry/apps/*): reads and writes the parent's
 * spec.replicas through the parent Store, so the parent's strategy (generation bump, validation)
 * and optimistic concurrency apply; a Scale carrying a resourceVersion must match the parent's.
 */
export class ScaleREST {
  constructor(protected readonly store: Store) {}

  newObject(): KObject {
    return { apiVersion: 'autoscaling/v1', kind: 'Scale' };
  }

  groupVersionKind(_containingGV: GroupVersion): GroupVersionKind {
    return scaleKind;
  }

  namespaceScoped(): boolean {
    return this.store.namespaceScoped();
  }

  async get(ctx: RequestContext, name: string, opts: GetOptions): Promise<KObject> {
    return scaleFromWorkload(await this.store.get(ctx, name, opts));
  }

  async update(
    ctx: RequestContext,
    name: string,
    objInfo: UpdatedObjectInfo,
    _createValidation: unknown,
    _updateValidation: unknown,
    _forceAllowCreate: boolean,
    opts: UpdateOptions,
  ): Promise<{ obj: KObject; created: boolean }> {
    const parentInfo: UpdatedObjectInfo = {
      preconditions: () => objInfo.preconditions(),
      updatedObject: async (c, old) => {
        if (!old) throw newNotFound(this.store.qualifiedResource, name);
        const scale = await objInfo.updatedObject(c, scaleFromWorkload(old));
        if (!scale) throw newBadRequest('nil update passed to Scale');
        const errs = validateScale(scale);
        if (errs.length) throw newInvalid(scaleKind, name, errs);
        const parent = structuredClone(old);
        const rv = scale.metadata?.resourceVersion;
        // The Scale's resourceVersion is the parent's: a stale one must conflict, an absent one is unconditional.
        if (rv) parent.metadata = { ...parent.metadata, resourceVersion: rv };
        else if (parent.metadata) delete parent.metadata.resourceVersion;
        specOf<WorkloadSpec>(parent).replicas = (scale.spec as { replicas?: number } | undefined)?.replicas ?? 0;
        trackScaleUpdate(old, parent, opts.fieldManager, ctx.userAgent);
        return parent;
      },
    };
    const { obj } = await this.store.update(ctx, name, parentInfo, undefined, undefined, false, opts);
    return { obj: scaleFromWorkload(obj), created: false };
  }
}
