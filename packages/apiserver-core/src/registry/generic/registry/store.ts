import { newBadRequest, newInvalid, newNotFound, StatusError, successStatus } from '../../../api/errors';
import { metaOf, type GroupResource, type KList, type KObject } from '../../../runtime/object';
import type { RequestContext } from '../../../rest/context';
import { beforeCreate } from '../../../rest/create';
import type { Creater, GracefulDeleter, Lister, Storage, TableConvertor, UpdatedObjectInfo, Updater, ValidateObjectFunc, ValidateObjectUpdateFunc, Watcher, Getter, CollectionDeleter } from '../../../rest/interfaces';
import type { CreateOptions, DeleteOptions, GetOptions, ListOptions, UpdateOptions } from '../../../rest/options';
import type { Table, TableOptions } from '../../../rest/table';
import { ColumnTableConvertor } from '../../../rest/table';
import { beforeUpdate } from '../../../rest/update';
import type { RESTCreateStrategy, RESTUpdateStrategy } from '../../../rest/strategy';
import type { Interface } from '../../../storage/interfaces';
import { defaultAttrs, type AttrFunc, type SelectionPredicate } from '../../../storage/selection-predicate';
import type { Watch } from '../../../storage/watch';
import { field, Path } from '../../../validation/field';
import { interpretStorageError, optimisticLockErrorMsg } from './interpret-errors';
import { namespaceKeyFunc, namespaceKeyRootFunc, noNamespaceKeyFunc } from './keys';
import type { StoreConfig, StoreOptions } from './store-config';

/**
 * genericregistry.Store: the one CRUD engine behind every resource. A resource's storage.ts only
 * configures it (newFunc, strategies, table columns) and calls completeWithOptions.
 */
export class Store implements Storage, Getter, Lister, Creater, Updater, GracefulDeleter, CollectionDeleter, Watcher, TableConvertor {
  storage!: Interface;
  attrFunc: AttrFunc = defaultAttrs;
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
    this.destroyFunc = decorated.destroy;
    return this;
  }

  newObject(): KObject {
    return this.config.newFunc();
  }

  newList(): KList {
    return this.config.newListFunc();
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
    copy.attrFunc = this.attrFunc;
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
      return (await this.storage.get(key, { resourceVersion: opts.resourceVersion }))!;
    } catch (err) {
      this.fail(err, name, 'get');
    }
  }

  predicate(opts: ListOptions): SelectionPredicate {
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
    try {
      const res = await this.storage.getList(key, {
        resourceVersion: opts.resourceVersion,
        resourceVersionMatch: opts.resourceVersionMatch,
        predicate: this.predicate(opts),
        recursive: true,
      });
      const list = this.newList();
      list.metadata = { resourceVersion: res.resourceVersion };
      if (res.continue) list.metadata.continue = res.continue;
      if (res.remainingItemCount !== undefined) list.metadata.remainingItemCount = res.remainingItemCount;
      list.items = res.items;
      return list;
    } catch (err) {
      this.fail(err, '', 'list');
    }
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, _opts: CreateOptions = {}): Promise<KObject> {
    const strategy = this.requireCreateStrategy();
    beforeCreate(strategy, ctx, obj);
    await createValidation?.(ctx, obj);
    const name = metaOf(obj).name!;
    const finish = await this.config.beginCreate?.(ctx, obj);
    try {
      const ttl = this.config.ttlFunc?.(obj, undefined, false);
      const out = await this.storage.create(this.key(ctx, name), obj, ttl).catch((err) => this.fail(err, name, 'create'));
      await finish?.(true);
      await this.config.afterCreate?.(ctx, out);
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
    _opts: UpdateOptions = {},
  ): Promise<{ obj: KObject; created: boolean }> {
    const strategy = this.requireUpdateStrategy();
    let created = false;
    let finish: ((ok: boolean) => Promise<void>) | undefined;
    try {
      const out = await this.storage.guaranteedUpdate(this.key(ctx, name), {
        ignoreNotFound: true,
        preconditions: objInfo.preconditions(),
        tryUpdate: async (existing, res) => {
          const exists = res.resourceVersion !== 0;
          const obj = await objInfo.updatedObject(ctx, exists ? existing : undefined);
          if (!exists) {
            if (!strategy.allowCreateOnUpdate() && !forceAllowCreate) throw newNotFound(this.qualifiedResource, name);
            created = true;
            delete metaOf(obj).resourceVersion;
            beforeCreate(this.requireCreateStrategy(), ctx, obj);
            await createValidation?.(ctx, obj);
            return { obj, ttlSeconds: this.config.ttlFunc?.(obj, undefined, false) };
          }
          created = false;
          this.checkResourceVersion(strategy, obj, res.resourceVersion, name);
          beforeUpdate(strategy, ctx, obj, existing);
          await updateValidation?.(ctx, obj, existing);
          finish = await this.config.beginUpdate?.(ctx, obj, existing);
          return { obj, ttlSeconds: this.config.ttlFunc?.(obj, res.ttl, true) };
        },
      });
      await finish?.(true);
      if (created) await this.config.afterCreate?.(ctx, out);
      else await this.config.afterUpdate?.(ctx, out);
      return { obj: out, created };
    } catch (err) {
      await finish?.(false);
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
      throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${grString(this.qualifiedResource)} "${name}": ${optimisticLockErrorMsg}`, {
        name,
        group: this.qualifiedResource.group,
        kind: this.qualifiedResource.resource,
      });
    }
  }

  async delete(ctx: RequestContext, name: string, deleteValidation: ValidateObjectFunc | undefined, opts: DeleteOptions = {}): Promise<{ obj: KObject; deleted: boolean }> {
    const key = this.key(ctx, name);
    const existing = await this.get(ctx, name);
    if (this.hasFinalizers(existing)) return { obj: await this.markForDeletion(ctx, name, key, opts), deleted: false };
    const out = await this.storage
      .delete(key, { preconditions: opts.preconditions, validateDeletion: (cur) => deleteValidation?.(ctx, cur) ?? Promise.resolve() })
      .catch((err) => this.fail(err, name, 'delete'));
    await this.config.afterDelete?.(ctx, out);
    return { obj: this.config.returnDeletedObject ? out : (successStatus({ name, group: this.qualifiedResource.group, kind: this.qualifiedResource.resource, uid: out.metadata?.uid }) as unknown as KObject), deleted: true };
  }

  private hasFinalizers(obj: KObject): boolean {
    return (obj.metadata?.finalizers?.length ?? 0) > 0;
  }

  /** Objects with finalizers are not removed: deletionTimestamp is set and the finalizers' owners finish the job. */
  private async markForDeletion(ctx: RequestContext, name: string, key: string, opts: DeleteOptions): Promise<KObject> {
    return this.storage
      .guaranteedUpdate(key, {
        preconditions: opts.preconditions,
        tryUpdate: async (existing) => {
          const meta = metaOf(existing);
          if (!meta.deletionTimestamp) {
            meta.deletionTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z') as unknown as typeof meta.deletionTimestamp;
            meta.deletionGracePeriodSeconds = 0;
          }
          return { obj: existing };
        },
      })
      .catch((err) => this.fail(err, name, 'delete'));
  }

  async deleteCollection(ctx: RequestContext, deleteValidation: ValidateObjectFunc | undefined, opts: DeleteOptions, listOpts: ListOptions): Promise<KList> {
    const list = await this.list(ctx, { ...listOpts, limit: undefined, continue: undefined });
    const deleted: KObject[] = [];
    for (const item of list.items) {
      try {
        const res = await this.delete({ ...ctx, namespace: item.metadata?.namespace }, item.metadata!.name!, deleteValidation, opts);
        deleted.push(res.deleted && !this.config.returnDeletedObject ? item : res.obj);
      } catch (err) {
        if (!(err instanceof StatusError && err.code === 404)) throw err;
      }
    }
    list.items = deleted;
    return list;
  }

  async watch(ctx: RequestContext, opts: ListOptions): Promise<Watch> {
    const predicate = this.predicate(opts);
    const name = opts.fieldSelector.requiresExactMatch('metadata.name');
    const single = name !== undefined && (!this.namespaceScoped() || !!ctx.namespace);
    const key = single ? this.key(ctx, name!) : this.config.keyRootFunc!(ctx);
    try {
      return await this.storage.watch(key, {
        resourceVersion: opts.resourceVersion,
        predicate,
        recursive: !single,
        sendInitialEvents: opts.sendInitialEvents,
        progressNotify: opts.allowWatchBookmarks,
      });
    } catch (err) {
      this.fail(err, '', 'watch');
    }
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
