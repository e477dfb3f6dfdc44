import { newBadRequest, newInvalid, newNotFound } from '../../api/errors';
import { trackScaleUpdate } from '../../fieldmanager/scale';
import type { GroupVersion, GroupVersionKind, KObject } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import type { UpdatedObjectInfo } from '../../rest/interfaces';
import type { GetOptions, UpdateOptions } from '../../rest/options';
import { field, Path, type ErrorList } from '../../validation/field';
import { nameIsDNSSubdomain } from '../../validation/names';
import { validateObjectMeta } from '../../validation/objectmeta';
import type { Store } from '../generic/registry/store';

/** autoscaling/v1 Scale, the kind every `<resource>/scale` speaks whatever its parent's group. */
export const scaleKind: GroupVersionKind = { group: 'autoscaling', version: 'v1', kind: 'Scale' };

export interface Scale extends KObject {
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

/** scaleFrom<Kind>: a parent object seen as its Scale. */
export type ScaleConverter = (parent: KObject) => Scale;

/** The identity fields a Scale shares with its parent. */
export function scaleMetadata(parent: KObject): KObject['metadata'] {
  const m = parent.metadata ?? {};
  return { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp };
}

/** autoscaling validation.ValidateScale. */
function validateScale(scale: KObject): ErrorList {
  const errs: ErrorList = validateObjectMeta(scale.metadata ?? {}, true, nameIsDNSSubdomain);
  const path = Path.root('spec').child('replicas');
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (replicas !== undefined && (typeof replicas !== 'number' || !Number.isInteger(replicas))) errs.push(field.invalid(path, replicas, 'must be an integer'));
  else if (typeof replicas === 'number' && replicas < 0) errs.push(field.invalid(path, replicas, 'must be greater than or equal to 0'));
  return errs;
}

/**
 * `<resource>/scale` (the ScaleREST of replicationcontrollers and of pkg/registry/apps/*): reads and
 * writes the parent's spec.replicas through the parent Store, so the parent's strategy (generation
 * bump, validation) and optimistic concurrency apply; a Scale carrying a resourceVersion must match
 * the parent's, one without is unconditional.
 */
/** Writes a Scale's desired replicas into its parent (spec.replicas, or a CRD's specReplicasPath). */
export type ReplicasSetter = (parent: KObject, replicas: number) => void;

const setSpecReplicas: ReplicasSetter = (parent, replicas) => {
  parent.spec = { ...((parent.spec as object | undefined) ?? {}), replicas };
};

export class ScaleREST {
  constructor(
    protected readonly store: Store,
    private readonly toScale: ScaleConverter,
    private readonly setReplicas: ReplicasSetter = setSpecReplicas,
  ) {}

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
    return this.toScale(await this.store.get(ctx, name, opts));
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
        const scale = await objInfo.updatedObject(c, this.toScale(old));
        if (!scale) throw newBadRequest('nil update passed to Scale');
        const errs = validateScale(scale);
        if (errs.length) throw newInvalid(scaleKind, name, errs);
        const parent = structuredClone(old);
        const rv = scale.metadata?.resourceVersion;
        if (rv) parent.metadata = { ...parent.metadata, resourceVersion: rv };
        else if (parent.metadata) delete parent.metadata.resourceVersion;
        this.setReplicas(parent, (scale.spec as { replicas?: number } | undefined)?.replicas ?? 0);
        trackScaleUpdate(old, parent, opts.fieldManager, ctx.userAgent);
        return parent;
      },
    };
    const { obj } = await this.store.update(ctx, name, parentInfo, undefined, undefined, false, opts);
    return { obj: this.toScale(obj), created: false };
  }
}
