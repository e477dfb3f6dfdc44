/* eslint-disable @typescript-eslint/no-explicit-any */
import {
  field, newConflict, newInvalid, Path,
  type GetOptions, type KObject, type RequestContext, type Store, type UpdatedObjectInfo, type UpdateOptions, type ValidateObjectFunc, type ValidateObjectUpdateFunc,
} from '@kapi/apiserver-core';

type J = Record<string, any>;

const scaleGVK = { group: 'autoscaling', version: 'v1', kind: 'Scale' };

/** The autoscaling/v1 Scale of a replication controller (its selector as a label selector string). */
export function scaleFromReplicationController(rc: KObject): KObject {
  const meta = rc.metadata ?? {};
  const selector = Object.entries(((rc.spec as J | undefined)?.selector ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',');
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name: meta.name, namespace: meta.namespace, uid: meta.uid, resourceVersion: meta.resourceVersion, creationTimestamp: meta.creationTimestamp },
    spec: { replicas: (rc.spec as J | undefined)?.replicas ?? 0 },
    status: { replicas: (rc.status as J | undefined)?.replicas ?? 0, selector },
  };
}

/** ScaleREST (replicationcontrollers/scale): reads and writes spec.replicas through a Scale. */
export class ScaleREST {
  constructor(private readonly store: Store) {}

  newObject(): KObject {
    return { apiVersion: 'autoscaling/v1', kind: 'Scale' };
  }

  groupVersionKind(): typeof scaleGVK {
    return scaleGVK;
  }

  async get(ctx: RequestContext, name: string, opts: GetOptions): Promise<KObject> {
    return scaleFromReplicationController(await this.store.get(ctx, name, opts));
  }

  async update(
    ctx: RequestContext,
    name: string,
    objInfo: UpdatedObjectInfo,
    _createValidation: ValidateObjectFunc | undefined,
    _updateValidation: ValidateObjectUpdateFunc | undefined,
    _forceAllowCreate: boolean,
    opts: UpdateOptions,
  ): Promise<{ obj: KObject; created: boolean }> {
    const { obj } = await this.store.update(
      ctx,
      name,
      {
        preconditions: () => undefined,
        updatedObject: async (c, old) => {
          const rc = structuredClone(old ?? {}) as KObject;
          const scale = await objInfo.updatedObject(c, scaleFromReplicationController(rc));
          const replicas = (scale.spec as J | undefined)?.replicas;
          if (typeof replicas !== 'number' || replicas < 0) {
            throw newInvalid(scaleGVK, name, [field.invalid(Path.root('spec').child('replicas'), replicas, 'must be greater than or equal to 0')]);
          }
          const rv = scale.metadata?.resourceVersion;
          if (rv && rv !== rc.metadata?.resourceVersion) {
            throw newConflict({ group: '', resource: 'replicationcontrollers' }, name, 'the object has been modified; please apply your changes to the latest version and try again');
          }
          (rc.spec as J).replicas = replicas;
          return rc;
        },
      },
      undefined,
      undefined,
      false,
      opts,
    );
    return { obj: scaleFromReplicationController(obj), created: false };
  }
}
