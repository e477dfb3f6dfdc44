import {
  field,
  isDryRun,
  isStatusError,
  newForbidden,
  newInvalid,
  newTimeoutError,
  newTooManyRequests,
  Path,
  semanticEqual,
  StatusError,
  successStatus,
  type CreateOptions,
  type DeleteOptions,
  type KObject,
  type RequestContext,
  type Store,
  type ValidateObjectFunc,
  type J,
} from '@kapi/apiserver-core';
import { rfc3339 } from '../rest/time';
import type { PodDisruptionBudgetClient } from './disruption-budgets';
import { markDisruptionTarget } from './disruption-target';

/** As kube's EvictionsRetry: a few quick retries when the budget or the pod moved under us. */
const evictionRetries = 5;
/** Beyond this many pods evicted but not yet seen gone by the disruption controller, evictions stop. */
const maxDisruptedPodSize = 2000;
const disruptionBudgetCause = 'DisruptionBudget';
const violatesBudget = "Cannot evict pod as it would violate the pod's disruption budget.";

/** Pods that already stopped (or never started, or are going) cost no availability: no budget is consulted. */
function canIgnoreBudget(pod: KObject): boolean {
  const phase = (pod.status as J | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata?.deletionTimestamp;
}

/** A terminal pod may go whatever its version; a running one only as last read, so it cannot turn ready in between. */
function shouldEnforceResourceVersion(pod: KObject): boolean {
  const phase = (pod.status as J | undefined)?.phase;
  return !(phase === 'Succeeded' || phase === 'Failed' || pod.metadata?.deletionTimestamp);
}

function isPodReady(pod: KObject): boolean {
  return ((pod.status as J | undefined)?.conditions ?? []).some((c: J) => c.type === 'Ready' && c.status === 'True');
}

function withResourceVersion(opts: DeleteOptions, resourceVersion: string | undefined): DeleteOptions {
  return { ...opts, preconditions: { ...(opts.preconditions ?? {}), resourceVersion } };
}

function tooManyRequests(retryAfterSeconds: number, cause: string): StatusError {
  const err = newTooManyRequests(violatesBudget, retryAfterSeconds);
  err.details!.causes = [{ reason: disruptionBudgetCause, message: cause }];
  return err;
}

/** The budget has not caught up with its latest spec, or the pod turned ready while we looked: come back soon. */
function stillProcessing(pdbName: string): StatusError {
  return tooManyRequests(10, `The disruption budget ${pdbName} is still being processed by the server.`);
}

function isConflict(err: unknown): boolean {
  return isStatusError(err) && err.code === 409;
}

/**
 * EvictionREST (pods/eviction, pkg/registry/core/pod/storage/eviction.go): deletes the pod unless
 * the one PodDisruptionBudget selecting it allows no disruption (429); taking a disruption
 * decrements the budget's status.disruptionsAllowed and records the pod in status.disruptedPods.
 */
export class EvictionREST {
  constructor(
    protected readonly store: Store,
    /** The pods Store with the status strategy: where the DisruptionTarget condition is written. */
    private readonly podStatus: Store,
    private readonly budgets: () => PodDisruptionBudgetClient | undefined = () => undefined,
  ) {}

  newObject(): KObject {
    return { apiVersion: 'policy/v1', kind: 'Eviction' };
  }

  groupVersionKind(): { group: string; version: string; kind: string } {
    return { group: 'policy', version: 'v1', kind: 'Eviction' };
  }

  async create(ctx: RequestContext, eviction: KObject, createValidation: ValidateObjectFunc | undefined, opts: CreateOptions): Promise<KObject> {
    const name = eviction.metadata?.name ?? '';
    const deleteOptions = this.deleteOptionsOf(eviction, name, opts);
    await createValidation?.(ctx, eviction);
    const client = this.budgets();
    const pod = await this.deleteIfBudgetIgnorable(ctx, name, deleteOptions);
    if (!pod) return success();
    if (!client) return this.deletePod(ctx, name, deleteOptions);
    const pdbs = await client.listMatching(ctx, pod);
    if (pdbs.length > 1) {
      throw new StatusError(500, '', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    }
    if (pdbs.length === 0) return this.deletePod(ctx, name, deleteOptions);
    const pdb = pdbs[0];
    if (!isPodReady(pod) && this.unhealthyPodMayGo(pdb)) {
      // Pinned to the version read: a pod that became ready meanwhile counts against the budget again.
      try {
        return await this.deletePod(ctx, name, withResourceVersion(deleteOptions, pod.metadata?.resourceVersion));
      } catch (err) {
        if (isConflict(err) && deleteOptions.preconditions?.resourceVersion === undefined) throw stillProcessing(pdb.metadata?.name ?? '');
        throw err;
      }
    }
    await this.takeDisruption(ctx, client, pdb, name, isDryRun(deleteOptions.dryRun));
    return this.deletePod(ctx, name, deleteOptions);
  }

  private deleteOptionsOf(eviction: KObject, name: string, opts: CreateOptions): DeleteOptions {
    const deleteOptions = { ...((eviction.deleteOptions ?? {}) as DeleteOptions) };
    if ((deleteOptions as J).ignoreStoreReadErrorWithClusterBreakingPotential === true) {
      const p = Path.root('deleteOptions').child('ignoreStoreReadErrorWithClusterBreakingPotential');
      throw newInvalid({ group: 'policy', kind: 'Eviction' }, name, [field.invalid(p, true, 'can not be set for pod eviction, try after removing the option')]);
    }
    // propagateDryRun: the request's dryRun and the body's must agree when both are given.
    if (isDryRun(opts.dryRun) && deleteOptions.dryRun === undefined) deleteOptions.dryRun = opts.dryRun;
    else if (!semanticEqual(opts.dryRun ?? [], deleteOptions.dryRun ?? [])) {
      throw new StatusError(
        400,
        'BadRequest',
        `Non-matching dry-run options in request and content: [${(opts.dryRun ?? []).join(' ')}] and [${(deleteOptions.dryRun ?? []).join(' ')}]`,
      );
    }
    return deleteOptions;
  }

  /** Deletes a pod that no budget guards (terminal, pending or terminating) and answers undefined; else returns the pod. */
  private async deleteIfBudgetIgnorable(ctx: RequestContext, name: string, deleteOptions: DeleteOptions): Promise<KObject | undefined> {
    const retryOnConflict = deleteOptions.preconditions?.resourceVersion === undefined;
    for (let attempt = 1; ; attempt++) {
      const pod = await this.store.get(ctx, name, {});
      if (!canIgnoreBudget(pod)) return pod;
      const opts = shouldEnforceResourceVersion(pod) && retryOnConflict ? withResourceVersion(deleteOptions, pod.metadata?.resourceVersion) : deleteOptions;
      try {
        await this.deletePod(ctx, name, opts);
        return undefined;
      } catch (err) {
        if (!retryOnConflict || !isConflict(err) || attempt >= evictionRetries) throw err;
      }
    }
  }

  /** unhealthyPodEvictionPolicy: AlwaysAllow lets an unready pod go; IfHealthyBudget only while the budget is met. */
  private unhealthyPodMayGo(pdb: KObject): boolean {
    if ((pdb.spec as J | undefined)?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return true;
    const status = (pdb.status ?? {}) as J;
    const desired = status.desiredHealthy ?? 0;
    return (status.currentHealthy ?? 0) >= desired && desired > 0;
  }

  /** checkAndDecrement under optimistic concurrency: re-read the budget and try again when its status moved. */
  private async takeDisruption(ctx: RequestContext, client: PodDisruptionBudgetClient, first: KObject, podName: string, dryRun: boolean): Promise<void> {
    const ns = first.metadata?.namespace ?? '';
    const pdbName = first.metadata?.name ?? '';
    let pdb = first;
    for (let attempt = 1; attempt <= evictionRetries; attempt++) {
      if (attempt > 1) pdb = await client.get(ctx, ns, pdbName);
      const next = decremented(pdb, podName);
      if (dryRun) return;
      try {
        await client.updateStatus(ctx, next);
        return;
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
    throw newTimeoutError(`couldn't update PodDisruptionBudget "${pdbName}" due to conflicts`, 10);
  }

  private async deletePod(ctx: RequestContext, name: string, opts: DeleteOptions): Promise<KObject> {
    await this.store.delete(ctx, name, undefined, await markDisruptionTarget(this.podStatus, ctx, name, opts));
    return success();
  }
}

function success(): KObject {
  return { ...successStatus(), code: 201 } as unknown as KObject;
}

/** The budget after one more disruption, or the error that refuses it. */
function decremented(pdb: KObject, podName: string): KObject {
  const name = pdb.metadata?.name ?? '';
  const status = (pdb.status ?? {}) as J;
  const allowed: number = status.disruptionsAllowed ?? 0;
  if ((status.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 0)) throw stillProcessing(name);
  if (allowed < 0) throw forbiddenBudget(name, 'pdb disruptions allowed is negative');
  if (Object.keys(status.disruptedPods ?? {}).length > maxDisruptedPodSize) {
    throw forbiddenBudget(name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  }
  if (allowed === 0) {
    throw tooManyRequests(0, `The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`);
  }
  const next: J = { ...status, disruptionsAllowed: allowed - 1, disruptedPods: { ...(status.disruptedPods ?? {}), [podName]: rfc3339() } };
  if (next.disruptionsAllowed === 0) next.conditions = withInsufficientPodsCondition(status.conditions ?? [], status.observedGeneration ?? 0);
  return { ...pdb, status: next };
}

/** pdbhelper.UpdateDisruptionAllowedCondition with no disruption left. */
function withInsufficientPodsCondition(conditions: J[], generation: number): J[] {
  const old = conditions.find((c) => c.type === 'DisruptionAllowed');
  const condition = {
    type: 'DisruptionAllowed',
    status: 'False',
    reason: 'InsufficientPods',
    message: '',
    observedGeneration: generation,
    lastTransitionTime: old?.status === 'False' ? old.lastTransitionTime : rfc3339(),
  };
  return [...conditions.filter((c) => c.type !== 'DisruptionAllowed'), condition];
}

function forbiddenBudget(name: string, reason: string): StatusError {
  return newForbidden({ group: 'policy', resource: 'poddisruptionbudget' }, name, reason);
}
