import type { KObject } from '../../../runtime/object';
import { storageErrors } from '../../../storage/errors';
import type { DeleteOptions, GuaranteedUpdateOptions, Interface } from '../../../storage/interfaces';
import { checkPreconditions } from '../../../storage/preconditions';

/**
 * genericregistry.DryRunnableStorage: every write either reaches storage or, with dryRun, runs the
 * same checks (existence, preconditions, the update function, delete validation) against the
 * stored object and answers what would have been stored — without writing anything.
 */
export class DryRunnableStorage {
  constructor(readonly storage: Interface) {}

  async create(key: string, obj: KObject, ttlSeconds: number | undefined, dryRun: boolean): Promise<KObject> {
    if (!dryRun) return this.storage.create(key, obj, ttlSeconds);
    const existing = await this.storage.get(key, { ignoreNotFound: true });
    if (existing) throw storageErrors.keyExists(key, this.storage.versioner().objectResourceVersion(existing));
    return structuredClone(obj);
  }

  async delete(key: string, opts: DeleteOptions, dryRun: boolean): Promise<KObject> {
    if (!dryRun) return this.storage.delete(key, opts);
    const existing = await this.storage.get(key, {});
    checkPreconditions(key, opts.preconditions, existing!);
    await opts.validateDeletion?.(existing!);
    return existing!;
  }

  async guaranteedUpdate(key: string, opts: GuaranteedUpdateOptions, dryRun: boolean): Promise<KObject> {
    if (!dryRun) return this.storage.guaranteedUpdate(key, opts);
    const current = await this.storage.get(key, { ignoreNotFound: opts.ignoreNotFound });
    if (current) checkPreconditions(key, opts.preconditions, current);
    const rev = current ? this.storage.versioner().objectResourceVersion(current) : 0;
    const { obj } = await opts.tryUpdate(current ?? {}, { resourceVersion: rev });
    return obj;
  }
}
