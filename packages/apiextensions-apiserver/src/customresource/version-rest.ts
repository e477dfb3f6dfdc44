import { addWarning, applyDefaults, type JSONSchemaProps } from '@kapi/apiserver-core';
import type {
  CreateOptions, DeleteOptions, GetOptions, KList, KObject, ListOptions, RequestContext, Store, Table, TableOptions,
  TableConvertor, UpdatedObjectInfo, UpdateOptions, ValidateObjectFunc, ValidateObjectUpdateFunc, storage,
} from '@kapi/apiserver-core';

type Watch = storage.Watch;
type WatchEvent = storage.WatchEvent;
import type { CustomResourceConverter } from './converter';

/** The names a CR resource shows in discovery. */
export interface CustomResourceNames {
  shortNames: string[];
  categories: string[];
  singular: string;
}

/**
 * One served version of a custom resource over the storage version's Store (crdInfo.storages[v]):
 * objects are converted to the storage version before they are written and to this version when
 * they are read, listed or watched; the Store's strategy validates with this version's schema.
 */
export class CustomResourceVersionREST {
  constructor(
    protected readonly store: Store,
    protected readonly version: string,
    protected readonly storageVersion: string,
    protected readonly converter: CustomResourceConverter,
    private readonly names: CustomResourceNames,
    private readonly table: TableConvertor,
    /** Every request to a deprecated version is answered with this Warning. */
    private readonly deprecationWarning?: string,
    /** The version's schema: its defaults apply to objects read from storage too, as kube's decoder does. */
    private readonly schema?: { schema: JSONSchemaProps },
  ) {}

  private warn(ctx: RequestContext): void {
    if (this.deprecationWarning) addWarning(ctx, this.deprecationWarning);
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
    return this.names.shortNames;
  }

  categories(): string[] {
    return this.names.categories;
  }

  getSingularName(): string {
    return this.names.singular;
  }

  private apiVersion(): string {
    return `${this.store.qualifiedResource.group}/${this.version}`;
  }

  protected async toStorage(obj: KObject): Promise<KObject> {
    return (await this.converter.convert([obj], this.storageVersion))[0];
  }

  protected async fromStorage(obj: KObject): Promise<KObject> {
    if (obj.kind === 'Status') return obj;
    return this.withDefaults((await this.converter.convert([obj], this.version))[0]);
  }

  private withDefaults(obj: KObject): KObject {
    if (!this.schema) return obj;
    const out = structuredClone(obj);
    applyDefaults(out, this.schema.schema);
    return out;
  }

  async get(ctx: RequestContext, name: string, opts: GetOptions): Promise<KObject> {
    this.warn(ctx);
    return this.fromStorage(await this.store.get(ctx, name, opts));
  }

  async list(ctx: RequestContext, opts: ListOptions): Promise<KList> {
    this.warn(ctx);
    const list = await this.store.list(ctx, opts);
    const items = list.items.length ? await this.converter.convert(list.items, this.version) : [];
    return { ...list, apiVersion: this.apiVersion(), items: items.map((i) => this.withDefaults(i)) };
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, opts: CreateOptions): Promise<KObject> {
    this.warn(ctx);
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
      updatedObject: async (c, old) => this.toStorage(await objInfo.updatedObject(c, old && (await this.fromStorage(old)))),
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
    return { ...list, apiVersion: this.apiVersion(), items: list.items.length ? await this.converter.convert(list.items, this.version) : [] };
  }

  async watch(ctx: RequestContext, opts: ListOptions): Promise<Watch> {
    this.warn(ctx);
    return convertedWatch(await this.store.watch(ctx, opts), (o) => this.fromStorage(o));
  }

  convertToTable(ctx: RequestContext, obj: KObject | KList, opts: TableOptions): Promise<Table> {
    return this.table.convertToTable(ctx, obj, opts);
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

/** `<plural>/status` of one version: get, update and patch only (no POST, no DELETE on a subresource). */
export class CustomResourceStatusREST {
  constructor(private readonly rest: CustomResourceVersionREST) {}

  newObject(): KObject {
    return this.rest.newObject();
  }

  get(ctx: RequestContext, name: string, opts: GetOptions): Promise<KObject> {
    return this.rest.get(ctx, name, opts);
  }

  /** Subresources never create their parent. */
  update(
    ctx: RequestContext,
    name: string,
    objInfo: UpdatedObjectInfo,
    createValidation: ValidateObjectFunc | undefined,
    updateValidation: ValidateObjectUpdateFunc | undefined,
    _forceAllowCreate: boolean,
    opts: UpdateOptions,
  ): Promise<{ obj: KObject; created: boolean }> {
    return this.rest.update(ctx, name, objInfo, createValidation, updateValidation, false, opts);
  }
}
