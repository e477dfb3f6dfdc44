import { addWarning, applyDefaults, newInvalid, type ErrorList, type GroupVersionKind, type SchemaValidation } from '@kapi/apiserver-core';
import type {
  CreateOptions,
  DeleteOptions,
  GetOptions,
  KList,
  KObject,
  ListOptions,
  RequestContext,
  Store,
  Table,
  TableOptions,
  TableConvertor,
  UpdatedObjectInfo,
  UpdateOptions,
  ValidateObjectFunc,
  ValidateObjectUpdateFunc,
  storage,
} from '@kapi/apiserver-core';

import type { CustomResourceConverter } from './converter';

type Watch = storage.Watch;
type WatchEvent = storage.WatchEvent;

/** The names a CR resource shows in discovery. */
export interface CustomResourceNames {
  shortNames: string[];
  categories: string[];
  singular: string;
}

export interface CustomResourceVersionOptions {
  version: string;
  storageVersion: string;
  kind: GroupVersionKind;
  converter: CustomResourceConverter;
  names: CustomResourceNames;
  table: TableConvertor;
  /** Every request to a deprecated version is answered with this Warning. */
  deprecationWarning?: string;
  /** The version's structural schema: it validates objects in this version; its defaults apply on read too. */
  schema?: SchemaValidation;
  /** Status is a subresource: the main resource neither sets nor validates it. */
  statusEnabled: boolean;
  /** This REST serves `<plural>/status`: only status changes. */
  statusSubresource?: boolean;
}

/**
 * One served version of a custom resource over the storage version's Store (crdInfo.storages[v]):
 * objects are validated with this version's schema, converted to the storage version before they
 * are written and to this version when they are read, listed or watched — kube's per-version
 * stores, whose codec converts at the storage layer.
 */
export class CustomResourceVersionREST {
  constructor(
    protected readonly store: Store,
    private readonly opts: CustomResourceVersionOptions,
  ) {}

  private get version(): string {
    return this.opts.version;
  }

  private warn(ctx: RequestContext): void {
    if (this.opts.deprecationWarning) addWarning(ctx, this.opts.deprecationWarning);
  }

  /** The schema's 422, naming the object as the request did (strategy.Validate of kube's per-version store). */
  private check(obj: KObject, errs: ErrorList): void {
    if (errs.length) throw newInvalid({ group: this.opts.kind.group, kind: this.opts.kind.kind }, obj.metadata?.name ?? obj.metadata?.generateName ?? '', errs);
  }

  private validateCreate(obj: KObject): void {
    if (!this.opts.schema) return;
    const candidate = structuredClone(obj);
    if (this.opts.statusEnabled) delete candidate.status;
    this.check(obj, this.opts.schema.validate(candidate));
  }

  /** What the write will store, seen in this version: the main resource keeps the stored status, /status only changes it. */
  private validateUpdate(obj: KObject, old: KObject): void {
    if (!this.opts.schema) return;
    let candidate = obj;
    if (this.opts.statusSubresource) candidate = withStatus(old, obj.status);
    else if (this.opts.statusEnabled) candidate = withStatus(obj, old.status);
    this.check(obj, this.opts.schema.validateUpdate(candidate, old));
  }

  newObject(): KObject {
    return { ...this.store.newObject(), apiVersion: this.apiVersion() };
  }

  newList(): KList {
    return { ...this.store.newList(), apiVersion: this.apiVersion() };
  }

  namespaceScoped(): boolean {
    return this.store.namespaceScoped();
  }

  shortNames(): string[] {
    return this.opts.names.shortNames;
  }

  categories(): string[] {
    return this.opts.names.categories;
  }

  getSingularName(): string {
    return this.opts.names.singular;
  }

  private apiVersion(): string {
    return `${this.store.qualifiedResource.group}/${this.version}`;
  }

  protected async toStorage(obj: KObject): Promise<KObject> {
    return (await this.opts.converter.convert([obj], this.opts.storageVersion))[0];
  }

  protected async fromStorage(obj: KObject): Promise<KObject> {
    if (obj.kind === 'Status') return obj;
    return this.withDefaults((await this.opts.converter.convert([obj], this.version))[0]);
  }

  private withDefaults(obj: KObject): KObject {
    if (!this.opts.schema) return obj;
    const out = structuredClone(obj);
    applyDefaults(out, this.opts.schema.schema);
    return out;
  }

  async get(ctx: RequestContext, name: string, opts: GetOptions): Promise<KObject> {
    this.warn(ctx);
    return this.fromStorage(await this.store.get(ctx, name, opts));
  }

  async list(ctx: RequestContext, opts: ListOptions): Promise<KList> {
    this.warn(ctx);
    const list = await this.store.list(ctx, opts);
    const items = list.items.length ? await this.opts.converter.convert(list.items, this.version) : [];
    return { ...list, apiVersion: this.apiVersion(), items: items.map((i) => this.withDefaults(i)) };
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, opts: CreateOptions): Promise<KObject> {
    this.warn(ctx);
    this.validateCreate(obj);
    return this.fromStorage(await this.store.create(ctx, await this.toStorage(obj), createValidation, opts));
  }

  async update(
    ctx: RequestContext,
    name: string,
    objInfo: UpdatedObjectInfo,
    createValidation: ValidateObjectFunc | undefined,
    updateValidation: ValidateObjectUpdateFunc | undefined,
    forceAllowCreate: boolean,
    opts: UpdateOptions,
  ): Promise<{ obj: KObject; created: boolean }> {
    this.warn(ctx);
    const info: UpdatedObjectInfo = {
      preconditions: () => objInfo.preconditions(),
      updatedObject: async (c, stored) => {
        const old = stored && (await this.fromStorage(stored));
        const obj = await objInfo.updatedObject(c, old);
        if (old) this.validateUpdate(obj, old);
        else this.validateCreate(obj);
        return this.toStorage(obj);
      },
    };
    const { obj, created } = await this.store.update(ctx, name, info, createValidation, updateValidation, forceAllowCreate, opts);
    return { obj: await this.fromStorage(obj), created };
  }

  async delete(ctx: RequestContext, name: string, deleteValidation: ValidateObjectFunc | undefined, opts: DeleteOptions): Promise<{ obj: KObject; deleted: boolean }> {
    this.warn(ctx);
    const { obj, deleted } = await this.store.delete(ctx, name, deleteValidation, opts);
    return { obj: await this.fromStorage(obj), deleted };
  }

  async deleteCollection(ctx: RequestContext, deleteValidation: ValidateObjectFunc | undefined, opts: DeleteOptions, listOpts: ListOptions): Promise<KList> {
    this.warn(ctx);
    const list = await this.store.deleteCollection(ctx, deleteValidation, opts, listOpts);
    return { ...list, apiVersion: this.apiVersion(), items: list.items.length ? await this.opts.converter.convert(list.items, this.version) : [] };
  }

  async watch(ctx: RequestContext, opts: ListOptions): Promise<Watch> {
    this.warn(ctx);
    return convertedWatch(await this.store.watch(ctx, opts), (o) => this.fromStorage(o));
  }

  convertToTable(ctx: RequestContext, obj: KObject | KList, opts: TableOptions): Promise<Table> {
    return this.opts.table.convertToTable(ctx, obj, opts);
  }
}

/** A watch whose objects are converted one event at a time (ERROR and BOOKMARK events pass as they are). */
function convertedWatch(w: Watch, convert: (o: KObject) => Promise<KObject>): Watch {
  return {
    stop: () => w.stop(),
    get stopped() {
      return w.stopped;
    },
    async *[Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
      for await (const ev of w) {
        if (ev.type === 'ERROR' || ev.type === 'BOOKMARK') yield ev;
        else yield { type: ev.type, object: await convert(ev.object as KObject) };
      }
    },
  };
}

/** `obj` with that status, or without one when it is undefined (never a status key holding undefined). */
function withStatus(obj: KObject, status: unknown): KObject {
  const { status: _dropped, ...rest } = obj;
  return status === undefined ? rest : { ...rest, status };
}
