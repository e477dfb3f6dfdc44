import { isDryRun, newConflict, type DeleteOptions, type KObject, type RequestContext, type Store, type J } from '@kapi/apiserver-core';
import { rfc3339 } from '../rest/time';

const podResource = { group: '', resource: 'Pod' };

/** The latest stored pod, refused as kube refuses it when the eviction's preconditions no longer hold. */
function checkPreconditions(pod: KObject, opts: DeleteOptions): void {
  const name = pod.metadata?.name ?? '';
  const { uid, resourceVersion } = opts.preconditions ?? {};
  if (uid && uid !== pod.metadata?.uid) {
    throw newConflict(
      podResource,
      name,
      `the UID in the precondition (${uid}) does not match the UID in record (${pod.metadata?.uid}). The object might have been deleted and then recreated`,
    );
  }
  if (resourceVersion && resourceVersion !== pod.metadata?.resourceVersion) {
    throw newConflict(
      podResource,
      name,
      `the ResourceVersion in the precondition (${resourceVersion}) does not match the ResourceVersion in record (${pod.metadata?.resourceVersion}). The object might have been modified`,
    );
  }
}

/** podutil.UpdatePodCondition: the transition time moves only when the status does. */
function withDisruptionTarget(pod: KObject): KObject {
  const status = (pod.status ?? {}) as J;
  const conditions: J[] = status.conditions ?? [];
  const old = conditions.find((c) => c.type === 'DisruptionTarget');
  const condition = {
    type: 'DisruptionTarget',
    status: 'True',
    lastProbeTime: old?.lastProbeTime ?? null,
    lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : rfc3339(),
    reason: 'EvictionByEvictionAPI',
    message: 'Eviction API: evicting',
  };
  const next = old ? conditions.map((c) => (c === old ? condition : c)) : [...conditions, condition];
  return { ...pod, status: { ...status, conditions: next } };
}

/**
 * addConditionAndDeletePod's first half: before an evicted pod goes, its status says why
 * (DisruptionTarget/EvictionByEvictionAPI), written through the pod's status strategy. Returns the
 * delete options to use: a resourceVersion precondition moves to the version this write made.
 */
export async function markDisruptionTarget(podStatus: Store, ctx: RequestContext, name: string, opts: DeleteOptions): Promise<DeleteOptions> {
  if (isDryRun(opts.dryRun)) return opts;
  const { obj } = await podStatus.update(
    ctx,
    name,
    {
      preconditions: () => undefined,
      updatedObject: async (_c, old) => {
        checkPreconditions(old!, opts);
        return withDisruptionTarget(structuredClone(old!));
      },
    },
    undefined,
    undefined,
    false,
    {},
  );
  if (opts.preconditions?.resourceVersion === undefined) return opts;
  return { ...opts, preconditions: { ...opts.preconditions, resourceVersion: obj.metadata?.resourceVersion } };
}
