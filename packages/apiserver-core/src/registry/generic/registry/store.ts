import { realClock, type Clock } from '../../../util/clock';
import { newBadRequest, newConflict, newInvalid, newNotFound, StatusError, successStatus } from '../../../api/errors';
import { metaOf, parseGroupVersion, type GroupResource, type GroupVersionKind, type KList, type KObject } from '../../../runtime/object';
import type { RequestContext } from '../../../rest/context';
import { beforeCreate } from '../../../rest/create';
import type {
  Creater,
  GracefulDeleter,
  Lister,
  Storage,
  TableConvertor,
  UpdatedObjectInfo,
  Updater,
  ValidateObjectFunc,
  ValidateObjectUpdateFunc,
  Watcher,
  Getter,
  CollectionDeleter,
} from '../../../rest/interfaces';
import { isDryRun, type CreateOptions, type DeleteOptions, type GetOptions, type ListOptions, type UpdateOptions } from '../../../rest/options';
import type { Table, TableOptions } from '../../../rest/table';
import { ColumnTableConvertor } from '../../../rest/table';
import { beforeUpdate } from '../../../rest/update';
import type { RESTCreateStrategy, RESTUpdateStrategy } from '../../../rest/strategy';
import { encodeContinue } from '../../../storage/continue-token';
import { isStorageError } from '../../../storage/errors';
import type { Interface } from '../../../storage/interfaces';
import { defaultAttrs, type AttrFunc, type SelectionPredicate } from '../../../storage/selection-predicate';
import type { Watch } from '../../../storage/watch';
import { field, Path } from '../../../validation/field';
import { beforeDelete, finalizersForGarbageCollection, markAsDeleting, shouldDeleteDuringUpdate } from './deletion';
import { DryRunnableStorage } from './dry-run-storage';
import { checkFieldSelector, supportedFieldLabels } from './field-labels';
import { ContinueExpiredError, interpretStorageError, optimisticLockErrorMsg } from './interpret-errors';
import { namespaceKeyFunc, namespaceKeyRootFunc, noNamespaceKeyFunc } from './keys';
import type { StoreConfig, StoreOptions } from './store-config';
import { dropRawJSON } from '../../../runtime/raw-json';
import { semanticEqual } from '../../../api/equality/semantic';

/**
 * genericregistry.Store: the one CRUD engine behind every resource. A resource's storage.ts only
 * configures it (newFunc, strategies, table columns) and calls completeWithOptions.
 */
export class Store implements Storage, Getter, Lister, Creater, Updater, GracefulDeleter, CollectionDeleter, Watcher, TableConvertor {
  storage!: Interface;
  /** Every write goes through it, so dryRun=All runs the same path and stores nothing. */
  dryRunStorage!: DryRunnableStorage;
  attrFunc: AttrFunc = defaultAttrs;
  /** With a garbage collector, orphan and foreground deletion are finalizers on the object. */
  enableGarbageCollection = false;
  /** deletionTimestamp = now + grace period on this clock (RESTOptions.clock). */
  clock: Clock = realClock;
  private fieldLabels?: Set<string>;
  private destroyFunc: () => void | Promise<void> = () => undefined;

  constructor(readonly config: StoreConfig) {}

  get qualifiedResource(): GroupResource {
    return this.config.defaultQualifiedResource;
  }

  /** CompleteWithOptions: validates the configuration and builds the decorated storage. */
  completeWithOptions(options: StoreOptions): this {
    const c = this.config;
    const gr = c.defaultQualifiedResource;
    const name = gr?.resource ? (gr.group ? `${gr.resource}.${gr.group}` : gr.resource) : '<unknown>';
    if (!gr?.resource) throw new Error(`store ${name} must have a non-empty qualified resource`);
    if (!c.singularQualifiedResource?.resource) throw new Error(`store ${name} must have a non-empty singular qualified resource`);
    if (!c.newFunc) throw new Error(`store for ${name} must have NewFunc set`);
    if (!c.newListFunc) throw new Error(`store for ${name} must have NewListFunc set`);
    if (!c.keyRootFunc !== !c.keyFunc) throw new Error(`store for ${name} must set both KeyRootFunc and KeyFunc or neither`);
    const strategy = c.createStrategy ?? c.updateStrategy;
    if (!strategy) throw new Error(`store for ${name} has no strategy to determine whether it is namespaced`);
    if (c.updateStrategy && c.createStrategy && c.updateStrategy.namespaceScoped() !== c.createStrategy.namespaceScoped()) {
      throw new Error(`store for ${name} has inconsistent namespace scoping between create and update strategies`);
    }
    const prefix = `/${options.restOptions.resourcePrefix}`;
    const namespaced = strategy.namespaceScoped();
    this.config.keyRootFunc ??= namespaced ? (ctx) => namespaceKeyRootFunc(ctx, prefix) : () => prefix;
    this.config.keyFunc ??= namespaced ? (ctx, n) => namespaceKeyFunc(ctx, prefix, n) : (ctx, n) => noNamespaceKeyFunc(ctx, prefix, n);
    this.config.tableConvertor ??= new ColumnTableConvertor();
    if (options.attrFunc) this.attrFunc = options.attrFunc;
    this.enableGarbageCollection = options.restOptions.enableGarbageCollection;
    if (options.restOptions.clock) this.clock = options.restOptions.clock;
    const keyOf = (obj: KObject) => this.config.keyFunc!({ namespace: obj.metadata?.namespace }, obj.metadata?.name ?? '');
    const decorated = options.restOptions.decorator(
      options.restOptions.storageConfig,
      prefix,
      keyOf,
      c.newFunc,
      c.newListFunc,
      this.attrFunc,
      options.triggerFunc,
      options.indexers,
    );
    this.storage = decorated.storage;
    this.dryRunStorage = new DryRunnableStorage(decorated.storage);
    this.destroyFunc = decorated.destroy;
    return this;
  }

  newObject(): KObject {
    return this.config.newFunc();
  }

  newList(): KList {
    return this.config.newListFunc();
  }

  /** The request object as kube's decoder would hand it on (see StoreConfig.convertDecoded). */
  convertDecoded(obj: KObject): void {
    this.config.convertDecoded?.(obj);
  }

  /** The form objects are stored in: what newFunc makes (discovery's storageVersionHash is derived from it). */
  storageVersion(): GroupVersionKind {
    const obj = this.config.newFunc();
    return { ...parseGroupVersion(obj.apiVersion ?? ''), kind: obj.kind ?? '' };
  }

  namespaceScoped(): boolean {
    return (this.config.createStrategy ?? this.config.updateStrategy)!.namespaceScoped();
  }

  destroy(): void | Promise<void> {
    return this.destroyFunc();
  }

  /** A copy of this store with other strategies, for subresources such as /status. */
  withStrategies(overrides: Partial<Pick<StoreConfig, 'createStrategy' | 'updateStrategy' | 'deleteStrategy' | 'beginUpdate' | 'afterUpdate'>>): Store {
    const copy = new Store({ ...this.config, ...overrides });
    copy.storage = this.storage;
    copy.dryRunStorage = this.dryRunStorage;
    copy.attrFunc = this.attrFunc;
    copy.enableGarbageCollection = this.enableGarbageCollection;
    return copy;
  }

  protected key(ctx: RequestContext, name: string): string {
    return this.config.keyFunc!(ctx, name);
  }

  protected fail(err: unknown, name: string, op: string): never {
    throw interpretStorageError(err, this.qualifiedResource, name, op);
  }

  async get(ctx: RequestContext, name: string, opts: GetOptions = {}): Promise<KObject> {
    const key = this.key(ctx, name);
    try {
      const obj = (await this.storage.get(key, { resourceVersion: opts.resourceVersion }))!;
      // A subclass overriding get may change what it read: its answer must be encoded afresh.
      if (this.get !== Store.prototype.get) dropRawJSON(obj);
      return obj;
    } catch (err) {
      this.fail(err, name, 'get');
    }
  }

  /** The selection of a LIST or WATCH; a field the kind does not expose is a 400. */
  predicate(opts: ListOptions): SelectionPredicate {
    this.fieldLabels ??= supportedFieldLabels(this.attrFunc, this.config.newFunc);
    checkFieldSelector(opts.fieldSelector, this.fieldLabels);
    return {
      label: opts.labelSelector,
      field: opts.fieldSelector,
      getAttrs: this.attrFunc,
      limit: opts.limit,
      continue: opts.continue,
      allowWatchBookmarks: opts.allowWatchBookmarks,
    };
  }

  async list(ctx: RequestContext, opts: ListOptions): Promise<KList> {
    const key = this.config.keyRootFunc!(ctx);
    const predicate = this.predicate(opts);
    try {
      const res = await this.storage.getList(key, {
        resourceVersion: opts.resourceVersion,
        resourceVersionMatch: opts.resourceVersionMatch,
        predicate,
        recursive: true,
      });
      const list = this.newList();
      list.metadata = { resourceVersion: res.resourceVersion };
      if (res.continue) list.metadata.continue = res.continue;
      if (res.remainingItemCount !== undefined) list.metadata.remainingItemCount = res.remainingItemCount;
      list.items = res.items;
      if (this.list !== Store.prototype.list) dropRawJSON(list);
      return list;
    } catch (err) {
      // KVStore answers an expired continue itself (as etcd3's store does); other backends get the same 410 here.
      if (opts.continue && !(err instanceof ContinueExpiredError) && (isStorageError(err, 'Compacted') || (err instanceof StatusError && err.code === 410))) {
        throw new ContinueExpiredError(refreshContinue(opts.continue, await this.storage.getCurrentResourceVersion().catch(() => 0)));
      }
      this.fail(err, '', 'list');
    }
  }

  /**
   * list, as JSON spliced from the watch cache's stored JSON of each item: no decode, no encode. Only
   * for a Store whose list is this class's (a subclass overriding list may change items) and on a
   * storage that holds items serialized; undefined sends the caller to list. An error is reported as
   * list reports it, not retried through list: a read waiting for a future resourceVersion must not
   * wait twice before its 504.
   */
  async listRawJSON(ctx: RequestContext, opts: ListOptions): Promise<string | undefined> {
    if (this.list !== Store.prototype.list || !this.storage.getListRawJSON) return undefined;
    try {
      const res = await this.storage.getListRawJSON(this.config.keyRootFunc!(ctx), {
        resourceVersion: opts.resourceVersion,
        resourceVersionMatch: opts.resourceVersionMatch,
        predicate: this.predicate(opts),
        recursive: true,
      });
      if (!res) return undefined;
      const { items: _, ...head } = this.newList();
      // items last, so the envelope ends in `[]}` and the items' JSON goes between the brackets.
      const envelope = JSON.stringify({ ...head, metadata: { resourceVersion: res.resourceVersion }, items: [] });
      return `${envelope.slice(0, -3)}[${res.items.join(',')}]}`;
    } catch (err) {
      this.fail(err, '', 'list');
    }
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, opts: CreateOptions = {}): Promise<KObject> {
    const strategy = this.requireCreateStrategy();
    beforeCreate(strategy, ctx, obj);
    await createValidation?.(ctx, obj);
    const name = metaOf(obj).name!;
    const dryRun = isDryRun(opts.dryRun);
    const finish = await this.config.beginCreate?.(ctx, obj, opts);
    try {
      const ttl = this.config.ttlFunc?.(obj, undefined, false);
      const out = await this.dryRunStorage.create(this.key(ctx, name), obj, ttl, dryRun).catch((err) => this.fail(err, name, 'create'));
      await finish?.(true);
      if (!dryRun) await this.config.afterCreate?.(ctx, out);
      return out;
    } catch (err) {
      await finish?.(false);
      throw err;
    }
  }

  async update(
    ctx: RequestContext,
    name: string,
    objInfo: UpdatedObjectInfo,
    createValidation: ValidateObjectFunc | undefined,
    updateValidation: ValidateObjectUpdateFunc | undefined,
    forceAllowCreate: boolean,
    opts: UpdateOptions = {},
  ): Promise<{ obj: KObject; created: boolean }> {
    const strategy = this.requireUpdateStrategy();
    const key = this.key(ctx, name);
    const dryRun = isDryRun(opts.dryRun);
    let created = false;
    let emptied: { obj: KObject; existing: KObject } | undefined;
    let finish: ((ok: boolean) => Promise<void>) | undefined;
    try {
      const out = await this.dryRunStorage.guaranteedUpdate(
        key,
        {
          ignoreNotFound: true,
          preconditions: objInfo.preconditions(),
          tryUpdate: async (existing, res) => {
            // A retried attempt (a conflict in storage) gives back what the previous attempt's hook took.
            await finish?.(false);
            finish = undefined;
            const exists = res.resourceVersion !== 0;
            const obj = await objInfo.updatedObject(ctx, exists ? existing : undefined);
            if (!exists) {
              if (!strategy.allowCreateOnUpdate() && !forceAllowCreate) throw newNotFound(this.qualifiedResource, name);
              created = true;
              delete metaOf(obj).resourceVersion;
              beforeCreate(this.requireCreateStrategy(), ctx, obj);
              await createValidation?.(ctx, obj);
              // An update that creates (a server-side apply, a PUT where allowed) runs the create hook, as
              // kube's Store.Update does: a Service applied into existence gets its cluster IP and node ports.
              finish = await this.config.beginCreate?.(ctx, obj, opts);
              return { obj, ttlSeconds: this.config.ttlFunc?.(obj, undefined, false) };
            }
            created = false;
            this.checkResourceVersion(strategy, obj, res.resourceVersion, name);
            beforeUpdate(strategy, ctx, obj, existing);
            await updateValidation?.(ctx, obj, existing);
            if ((this.config.shouldDeleteDuringUpdate ?? shouldDeleteDuringUpdate)(obj, existing)) {
              emptied = { obj, existing };
              throw errEmptiedFinalizers;
            }
            // A write that changes nothing (even with keys in another order) keeps the resourceVersion.
            const ttlSeconds = this.config.ttlFunc?.(obj, res.ttl, true);
            if (ttlSeconds === undefined && semanticEqual(obj, existing)) return { obj: existing };
            finish = await this.config.beginUpdate?.(ctx, obj, existing, opts);
            return { obj, ttlSeconds };
          },
        },
        dryRun,
      );
      await finish?.(true);
      if (!dryRun) {
        if (created) await this.config.afterCreate?.(ctx, out);
        else await this.config.afterUpdate?.(ctx, out);
      }
      return { obj: out, created };
    } catch (err) {
      await finish?.(false);
      if (err === errEmptiedFinalizers && emptied) return { obj: await this.deleteWithoutFinalizers(ctx, name, key, emptied.obj, emptied.existing, dryRun), created: false };
      this.fail(err, name, created ? 'create' : 'update');
    }
  }

  /** A PUT carries the resourceVersion it read; a stale one is a Conflict, a missing one needs allowUnconditionalUpdate. */
  private checkResourceVersion(strategy: RESTUpdateStrategy, obj: KObject, currentRV: number, name: string): void {
    const meta = metaOf(obj);
    const newRV = this.storage.versioner().parseResourceVersion(meta.resourceVersion);
    if (newRV === 0) {
      if (!strategy.allowUnconditionalUpdate()) {
        throw newInvalid(strategy.kind, name, [field.invalid(Path.root('metadata').child('resourceVersion'), 0, 'must be specified for an update')]);
      }
      meta.resourceVersion = String(currentRV);
    } else if (newRV !== currentRV) {
      throw newConflict(this.qualifiedResource, name, optimisticLockErrorMsg);
    }
  }

  /** The update emptied the finalizers of a deleting object: remove it, and answer the updated object. */
  private async deleteWithoutFinalizers(ctx: RequestContext, name: string, key: string, obj: KObject, existing: KObject, dryRun: boolean): Promise<KObject> {
    const meta = metaOf(existing);
    try {
      const out = await this.dryRunStorage.delete(key, { preconditions: { uid: meta.uid, resourceVersion: meta.resourceVersion } }, dryRun);
      if (!dryRun) await this.config.afterDelete?.(ctx, out);
    } catch (err) {
      // Two updates racing to remove the last finalizer: the loser finds the object gone.
      if (!isStorageError(err, 'KeyNotFound')) this.fail(err, name, 'delete');
    }
    return obj;
  }

  /**
   * Store.Delete: preconditions, graceful deletion and finalizers (the object stays, marked with a
   * deletionTimestamp, until its finalizers are removed), the garbage collector's orphan and
   * foreground finalizers, then removal. deleted=false when the object lives on.
   */
  async delete(ctx: RequestContext, name: string, deleteValidation: ValidateObjectFunc | undefined, opts: DeleteOptions = {}): Promise<{ obj: KObject; deleted: boolean }> {
    const key = this.key(ctx, name);
    const dryRun = isDryRun(opts.dryRun);
    const obj = await this.get(ctx, name);
    const strategy = this.config.deleteStrategy;
    const kind = (this.config.createStrategy ?? this.config.updateStrategy)?.kind;
    const { graceful, pending } = beforeDelete(strategy, kind, ctx, obj, opts, this.clock.now());
    if (pending) return { obj, deleted: false };
    const preconditions = { ...opts.preconditions };
    const gcPolicy = strategy?.defaultGarbageCollectionPolicy?.(ctx);
    const gcFinalizers = finalizersForGarbageCollection(this.enableGarbageCollection, obj, opts, gcPolicy);
    if (graceful || this.hasFinalizers(obj) || gcFinalizers) {
      let keep = false;
      let alreadyDeleting = false;
      const out = await this.dryRunStorage
        .guaranteedUpdate(
          key,
          {
            preconditions: opts.preconditions,
            tryUpdate: async (existing) => {
              await deleteValidation?.(ctx, existing);
              const attempt = { ...opts };
              const state = beforeDelete(strategy, kind, ctx, existing, attempt, this.clock.now());
              if (state.pending) {
                alreadyDeleting = true;
                return { obj: existing };
              }
              const finalizers = finalizersForGarbageCollection(this.enableGarbageCollection, existing, opts, gcPolicy);
              if (finalizers) metaOf(existing).finalizers = finalizers;
              // A graceful delete of grace 0 (a kubelet confirming, or an unscheduled pod) still
              // deletes at once, after this update, as kube's updateForGracefulDeletionAndFinalizers.
              keep = (state.graceful && (attempt.gracePeriodSeconds ?? 0) > 0) || this.hasFinalizers(existing);
              if (!state.graceful && this.hasFinalizers(existing)) markAsDeleting(existing);
              return { obj: existing };
            },
          },
          dryRun,
        )
        .catch((err) => this.fail(err, name, 'delete'));
      if (alreadyDeleting || keep) return { obj: out, deleted: false };
      if (dryRun) return { obj: this.finalizeDelete(out), deleted: true };
      if (preconditions.resourceVersion) preconditions.resourceVersion = out.metadata?.resourceVersion;
    }
    const out = await this.dryRunStorage
      .delete(key, { preconditions, validateDeletion: (cur) => deleteValidation?.(ctx, cur) ?? Promise.resolve() }, dryRun)
      .catch((err) => this.fail(err, name, 'delete'));
    if (!dryRun) await this.config.afterDelete?.(ctx, out);
    return { obj: this.finalizeDelete(out), deleted: true };
  }

  /** finalizeDelete: the deleted object, or a Success Status naming it (details.kind is the resource, as in Go). */
  private finalizeDelete(obj: KObject): KObject {
    if (this.config.returnDeletedObject) return obj;
    const gr = this.qualifiedResource;
    // metav1.Status of a deletion has no code and omits empty fields, as Go's encoder does.
    const { code: _code, ...status } = successStatus({
      name: obj.metadata?.name,
      ...(gr.group ? { group: gr.group } : {}),
      kind: gr.resource,
      uid: obj.metadata?.uid,
    });
    return status as unknown as KObject;
  }

  private hasFinalizers(obj: KObject): boolean {
    return (obj.metadata?.finalizers?.length ?? 0) > 0;
  }

  /** DeleteCollection: every object the selectors match, deleted one by one; answers the list as it was. */
  async deleteCollection(ctx: RequestContext, deleteValidation: ValidateObjectFunc | undefined, opts: DeleteOptions, listOpts: ListOptions): Promise<KList> {
    const list = await this.list(ctx, { ...listOpts, limit: undefined, continue: undefined });
    for (const item of list.items) {
      try {
        await this.delete({ ...ctx, namespace: item.metadata?.namespace }, item.metadata!.name!, deleteValidation, structuredClone(opts));
      } catch (err) {
        if (!(err instanceof StatusError && err.code === 404)) throw err;
      }
    }
    return list;
  }

  async watch(ctx: RequestContext, opts: ListOptions): Promise<Watch> {
    const predicate = this.predicate(opts);
    const name = opts.fieldSelector.requiresExactMatch('metadata.name');
    const single = name !== undefined && (!this.namespaceScoped() || !!ctx.namespace);
    const key = single ? this.key(ctx, name!) : this.config.keyRootFunc!(ctx);
    try {
      let resourceVersion = opts.resourceVersion;
      // sendInitialEvents=false from "now": start at the current revision, replaying nothing.
      if (opts.sendInitialEvents === false && (!resourceVersion || resourceVersion === '0')) {
        resourceVersion = String(await this.storage.getCurrentResourceVersion());
      }
      return await this.storage.watch(key, {
        resourceVersion,
        predicate,
        recursive: !single,
        sendInitialEvents: opts.sendInitialEvents,
        progressNotify: opts.allowWatchBookmarks,
      });
    } catch (err) {
      this.fail(err, '', 'watch');
    }
  }

  /** The number of stored objects, for apiserver_storage_objects. */
  count(): Promise<number> {
    return this.storage.count(this.config.keyRootFunc!({}));
  }

  convertToTable(ctx: RequestContext, obj: KObject | KList, opts: TableOptions): Promise<Table> {
    return this.config.tableConvertor!.convertToTable(ctx, obj, opts);
  }

  private requireCreateStrategy(): RESTCreateStrategy {
    if (!this.config.createStrategy) throw newBadRequest(`create is not supported on ${grString(this.qualifiedResource)}`);
    return this.config.createStrategy;
  }

  private requireUpdateStrategy(): RESTUpdateStrategy {
    if (!this.config.updateStrategy) throw newBadRequest(`update is not supported on ${grString(this.qualifiedResource)}`);
    return this.config.updateStrategy;
  }
}

function grString(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/** Thrown inside the update loop to leave it: the update emptied a deleting object's finalizers. */
const errEmptiedFinalizers = new Error('emptied finalizers');

/** The same continue position at a newer revision (the token's revision was compacted away). */
function refreshContinue(token: string, revision: number): string | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { start?: unknown };
    if (typeof decoded.start !== 'string' || revision <= 0) return undefined;
    return encodeContinue(decoded.start, '', revision);
  } catch {
    return undefined;
  }
}
