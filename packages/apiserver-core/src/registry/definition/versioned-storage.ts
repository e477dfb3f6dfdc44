import { deepCopy, type GroupResource, type GroupVersionKind, type KList, type KObject } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import type { UpdatedObjectInfo, ValidateObjectFunc, ValidateObjectUpdateFunc } from '../../rest/interfaces';
import type { CreateOptions, DeleteOptions, GetOptions, ListOptions, UpdateOptions } from '../../rest/options';
import type { Table, TableOptions } from '../../rest/table';
import type { Watch, WatchEvent } from '../../storage/watch';
import type { Store } from '../generic/registry/store';
import type { VersionConverter } from './types';

/** An object in the Store's (storage) form or in the served form, converted on a copy. */
export interface ObjectConversion {
  toStorage(obj: KObject): KObject;
  fromStorage(obj: KObject): KObject;
}

/**
 * The conversion of one served version, hub and spoke: the converter sees a copy and the apiVersion
 * (and kind, when the converter leaves it) is set to the target's.
 */
export function newObjectConversion(served: GroupVersionKind, storage: GroupVersionKind, converter: VersionConverter): ObjectConversion {
  const apiVersion = (gvk: GroupVersionKind) => (gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version);
  const convert = (obj: KObject, to: GroupVersionKind, fn: (o: KObject) => KObject): KObject => {
    const out = fn(deepCopy(obj));
    return { ...out, apiVersion: apiVersion(to), kind: to.kind };
  };
  return {
    toStorage: (obj) => convert(obj, storage, converter.toStorage),
    fromStorage: (obj) => convert(obj, served, converter.fromStorage),
  };
}

/** A watch whose objects are converted as they pass; errors and bookmarks keep their form. */
class ConvertingWatch implements Watch {
  constructor(
    private readonly inner: Watch,
    private readonly conversion: ObjectConversion,
    private readonly served: GroupVersionKind,
  ) {}

  get stopped(): boolean {
    return this.inner.stopped;
  }

  stop(): void {
    this.inner.stop();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
    for await (const event of this.inner) yield this.convert(event);
  }

  private convert(event: WatchEvent): WatchEvent {
    if (event.type === 'ERROR') return event;
    const obj = event.object as KObject;
    if (event.type === 'BOOKMARK') {
      return { type: event.type, object: { ...obj, apiVersion: this.served.group ? `${this.served.group}/${this.served.version}` : this.served.version } };
    }
    return { type: event.type, object: this.conversion.fromStorage(obj) };
  }
}

/**
 * A resource served in a version other than its storage version: every request goes to the shared
 * Store in the storage form and every answer comes back in the served form — what kube-apiserver's
 * codecs do between the external version and the internal one, here at the REST boundary.
 */
export class VersionedStorage {
  constructor(
    private readonly store: Store,
    private readonly served: GroupVersionKind,
    private readonly conversion: ObjectConversion,
    private readonly discovery: { shortNames: string[]; categories: string[]; singular: string },
  ) {}

  newObject(): KObject {
    return { apiVersion: this.apiVersion(), kind: this.served.kind };
  }

  /** The resource the objects are stored as (admission's equivalent resources share it). */
  get qualifiedResource(): GroupResource {
    return this.store.qualifiedResource;
  }

  /** Between this version's form and the storage form (admission converts objects for webhooks of another version). */
  get objectConversion(): ObjectConversion {
    return this.conversion;
  }

  newList(): KList {
    return { apiVersion: this.apiVersion(), kind: `${this.served.kind}List`, metadata: {}, items: [] };
  }

  namespaceScoped(): boolean {
    return this.store.namespaceScoped();
  }

  shortNames(): string[] {
    return this.discovery.shortNames;
  }

  categories(): string[] {
    return this.discovery.categories;
  }

  getSingularName(): string {
    return this.discovery.singular;
  }

  async get(ctx: RequestContext, name: string, opts: GetOptions): Promise<KObject> {
    return this.conversion.fromStorage(await this.store.get(ctx, name, opts));
  }

  async list(ctx: RequestContext, opts: ListOptions): Promise<KList> {
    return this.convertList(await this.store.list(ctx, opts));
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, opts: CreateOptions): Promise<KObject> {
    const validation = createValidation && ((c: RequestContext, o: KObject) => createValidation(c, this.conversion.fromStorage(o)));
    return this.conversion.fromStorage(await this.store.create(ctx, this.conversion.toStorage(obj), validation, opts));
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
    const { fromStorage, toStorage } = this.conversion;
    const info: UpdatedObjectInfo = {
      preconditions: () => objInfo.preconditions(),
      updatedObject: async (c, old) => toStorage(await objInfo.updatedObject(c, old && fromStorage(old))),
    };
    const create = createValidation && ((c: RequestContext, o: KObject) => createValidation(c, fromStorage(o)));
    const update = updateValidation && ((c: RequestContext, o: KObject, old: KObject) => updateValidation(c, fromStorage(o), fromStorage(old)));
    const out = await this.store.update(ctx, name, info, create, update, forceAllowCreate, opts);
    return { obj: fromStorage(out.obj), created: out.created };
  }

  async delete(ctx: RequestContext, name: string, deleteValidation: ValidateObjectFunc | undefined, opts: DeleteOptions): Promise<{ obj: KObject; deleted: boolean }> {
    const validation = deleteValidation && ((c: RequestContext, o: KObject) => deleteValidation(c, this.conversion.fromStorage(o)));
    const out = await this.store.delete(ctx, name, validation, opts);
    return { obj: out.obj.kind === 'Status' ? out.obj : this.conversion.fromStorage(out.obj), deleted: out.deleted };
  }

  async deleteCollection(ctx: RequestContext, deleteValidation: ValidateObjectFunc | undefined, opts: DeleteOptions, listOpts: ListOptions): Promise<KList> {
    const validation = deleteValidation && ((c: RequestContext, o: KObject) => deleteValidation(c, this.conversion.fromStorage(o)));
    return this.convertList(await this.store.deleteCollection(ctx, validation, opts, listOpts));
  }

  async watch(ctx: RequestContext, opts: ListOptions): Promise<Watch> {
    return new ConvertingWatch(await this.store.watch(ctx, opts), this.conversion, this.served);
  }

  /** Columns are computed on the storage form, the one the resource's Table convertor knows. */
  async convertToTable(ctx: RequestContext, obj: KObject | KList, opts: TableOptions): Promise<Table> {
    const isList = Array.isArray((obj as KList).items);
    const stored = isList ? { ...(obj as KList), items: (obj as KList).items.map((o) => this.conversion.toStorage(o)) } : this.conversion.toStorage(obj as KObject);
    const table = await this.store.convertToTable(ctx, stored, opts);
    for (const row of table.rows) {
      const o = row.object as KObject | undefined;
      if (o?.apiVersion && o.kind !== 'PartialObjectMetadata') row.object = this.conversion.fromStorage(o);
    }
    return table;
  }

  count(): Promise<number> {
    return this.store.count();
  }

  /** Write-only fields of the served form are folded on the storage form's converter: a served version converts first. */
  convertDecoded(obj: KObject): void {
    if (!this.store.config.convertDecoded) return;
    const stored = this.conversion.toStorage(obj);
    this.store.convertDecoded(stored);
    const back = this.conversion.fromStorage(stored);
    for (const k of Object.keys(obj)) delete obj[k];
    Object.assign(obj, back);
  }

  /** Every version of the resource is stored as one: they report the same storage version (and hash). */
  storageVersion(): GroupVersionKind {
    return this.store.storageVersion();
  }

  private apiVersion(): string {
    return this.served.group ? `${this.served.group}/${this.served.version}` : this.served.version;
  }

  private convertList(list: KList): KList {
    return { ...list, apiVersion: this.apiVersion(), kind: `${this.served.kind}List`, items: list.items.map((o) => this.conversion.fromStorage(o)) };
  }
}
