import {
  field,
  interpretStorageError,
  metaOf,
  newConflict,
  newInvalid,
  Path,
  successStatus,
  type CreateOptions,
  type ErrorList,
  type KObject,
  type RequestContext,
  type Store,
  type ValidateObjectFunc,
  type J,
} from '@kapi/apiserver-core';
import { rfc3339 } from '../rest/time';

const podsResource = { group: '', resource: 'pods' };

/** ValidatePodBinding: a target node name; the kind, when given, is Node. */
function validateBinding(binding: KObject): ErrorList {
  const errs: ErrorList = [];
  const target = (binding.target ?? {}) as J;
  if (target.kind && target.kind !== 'Node') errs.push(field.notSupported(Path.root('target').child('kind'), target.kind, ['Node', '<empty>']));
  if (!target.name) errs.push(field.required(Path.root('target').child('name'), ''));
  return errs;
}

/**
 * BindingREST (pods/binding): sets spec.nodeName exactly once, as the scheduler does; a pod that is
 * already bound or being deleted answers 409.
 */
export class BindingREST {
  constructor(protected readonly store: Store) {}

  newObject(): KObject {
    return { apiVersion: 'v1', kind: 'Binding' };
  }

  namespaceScoped(): boolean {
    return true;
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, _opts: CreateOptions): Promise<KObject> {
    const meta = metaOf(obj);
    meta.namespace ||= ctx.namespace;
    const errs = validateBinding(obj);
    if (errs.length) throw newInvalid({ group: '', kind: 'Binding' }, meta.name ?? '', errs);
    await createValidation?.(ctx, obj);
    await this.assignPod(ctx, meta.name ?? '', String((obj.target as J).name), meta.annotations ?? {}, meta);
    return { ...successStatus(), code: 201 } as unknown as KObject;
  }

  private async assignPod(ctx: RequestContext, podName: string, nodeName: string, annotations: Record<string, string>, bindingMeta: KObject['metadata']): Promise<void> {
    const key = this.store.config.keyFunc!(ctx, podName);
    await this.store.storage
      .guaranteedUpdate(key, {
        preconditions: bindingMeta?.uid || bindingMeta?.resourceVersion ? { uid: bindingMeta.uid, resourceVersion: bindingMeta.resourceVersion } : undefined,
        tryUpdate: async (pod) => {
          const meta = metaOf(pod);
          if (meta.deletionTimestamp) throw newConflict(podsResource, podName, `pod ${podName} is being deleted, cannot be assigned to a host`);
          const spec = (pod.spec ??= {}) as J;
          if (spec.nodeName) throw newConflict(podsResource, podName, `pod ${podName} is already assigned to node "${spec.nodeName}"`);
          spec.nodeName = nodeName;
          if (Object.keys(annotations).length) meta.annotations = { ...(meta.annotations ?? {}), ...annotations };
          const status = (pod.status ??= {}) as J;
          const conditions: J[] = (status.conditions ?? []).filter((c: J) => c.type !== 'PodScheduled');
          conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339() });
          status.conditions = conditions;
          return { obj: pod };
        },
      })
      .catch((err) => {
        throw interpretStorageError(err, podsResource, podName, 'update');
      });
  }
}

/** LegacyBindingREST (POST /api/v1/namespaces/{ns}/bindings): the binding names the pod in its metadata. */
export class LegacyBindingREST extends BindingREST {}
