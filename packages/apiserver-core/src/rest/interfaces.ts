import type { KList, KObject, GroupVersionKind } from '../runtime/object';
import type { Watch } from '../storage/watch';
import type { RequestContext } from './context';
import type { CreateOptions, DeleteOptions, GetOptions, ListOptions, Preconditions, UpdateOptions } from './options';
import type { Table, TableOptions } from './table';

/**
 * The REST storage interfaces of k8s.io/apiserver/pkg/registry/rest. The installer asks which of them
 * a storage implements (as Go's type assertions do) and installs one route per verb it finds.
 */
export interface Storage {
  /** An empty object of the served kind (apiVersion and kind set). */
  newObject(): KObject;
  destroy?(): void | Promise<void>;
}

export interface Scoper {
  namespaceScoped(): boolean;
}

export type ValidateObjectFunc = (ctx: RequestContext, obj: KObject) => Promise<void>;
export type ValidateObjectUpdateFunc = (ctx: RequestContext, obj: KObject, old: KObject) => Promise<void>;

export interface Getter {
  get(ctx: RequestContext, name: string, opts: GetOptions): Promise<KObject>;
}

export interface TableConvertor {
  convertToTable(ctx: RequestContext, obj: KObject | KList, opts: TableOptions): Promise<Table>;
}

export interface Lister extends TableConvertor {
  newList(): KList;
  list(ctx: RequestContext, opts: ListOptions): Promise<KList>;
  /**
   * list's answer as JSON text, built from the stored bytes of each item without decoding them, when the
   * storage can (the watch cache); undefined otherwise, and on any error (list then answers, or fails, itself).
   */
  listRawJSON?(ctx: RequestContext, opts: ListOptions): Promise<string | undefined>;
}

export interface Creater {
  create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, opts: CreateOptions): Promise<KObject>;
}

/** How an update computes the new object from the stored one (a PUT body, or a patch applied to it). */
export interface UpdatedObjectInfo {
  preconditions(): Preconditions | undefined;
  updatedObject(ctx: RequestContext, oldObj: KObject | undefined): Promise<KObject>;
}

export interface Updater {
  update(
    ctx: RequestContext,
    name: string,
    objInfo: UpdatedObjectInfo,
    createValidation: ValidateObjectFunc | undefined,
    updateValidation: ValidateObjectUpdateFunc | undefined,
    forceAllowCreate: boolean,
    opts: UpdateOptions,
  ): Promise<{ obj: KObject; created: boolean }>;
}

export interface GracefulDeleter {
  /** deleted=false when the object lives on (finalizers or graceful deletion pending). */
  delete(ctx: RequestContext, name: string, deleteValidation: ValidateObjectFunc | undefined, opts: DeleteOptions): Promise<{ obj: KObject; deleted: boolean }>;
}

export interface CollectionDeleter {
  deleteCollection(ctx: RequestContext, deleteValidation: ValidateObjectFunc | undefined, opts: DeleteOptions, listOpts: ListOptions): Promise<KList>;
}

export interface Watcher {
  watch(ctx: RequestContext, opts: ListOptions): Promise<Watch>;
}

/** Subresources that answer with a stream or a proxied connection (log, exec, proxy …). */
export interface Connecter {
  connectMethods(): string[];
  connect(ctx: RequestContext, name: string, opts: Record<string, string | string[]>, responder: Responder): Promise<ConnectHandler>;
}

/** A handler for a connect request: writes the response itself (status, headers, body or stream). */
export type ConnectHandler = (req: import('http').IncomingMessage, res: import('http').ServerResponse) => Promise<void>;

export interface Responder {
  object(statusCode: number, obj: KObject): void;
  error(err: unknown): void;
}

export interface ShortNamesProvider {
  shortNames(): string[];
}

export interface CategoriesProvider {
  categories(): string[];
}

export interface SingularNameProvider {
  getSingularName(): string;
}

/** A subresource served in another kind than its parent (deployments/scale → autoscaling/v1 Scale). */
export interface GroupVersionKindProvider {
  groupVersionKind(containingGV: { group: string; version: string }): GroupVersionKind;
}

/** A storage whose kind has write-only fields the decoder folds away (kube's conversion to the internal version). */
export interface DecodeConverter {
  convertDecoded(obj: KObject): void;
}

/** rest.StorageVersionProvider: the kind and version objects are stored as, which discovery hashes. */
export interface StorageVersionProvider {
  storageVersion(): GroupVersionKind;
}

const has = (s: unknown, method: string) => typeof (s as Record<string, unknown>)?.[method] === 'function';

export const isScoper = (s: Storage): s is Storage & Scoper => has(s, 'namespaceScoped');
export const isGetter = (s: Storage): s is Storage & Getter => has(s, 'get');
export const isLister = (s: Storage): s is Storage & Lister => has(s, 'list') && has(s, 'newList');
export const isCreater = (s: Storage): s is Storage & Creater => has(s, 'create');
export const isUpdater = (s: Storage): s is Storage & Updater => has(s, 'update');
export const isGracefulDeleter = (s: Storage): s is Storage & GracefulDeleter => has(s, 'delete');
export const isCollectionDeleter = (s: Storage): s is Storage & CollectionDeleter => has(s, 'deleteCollection');
export const isWatcher = (s: Storage): s is Storage & Watcher => has(s, 'watch');
export const isConnecter = (s: Storage): s is Storage & Connecter => has(s, 'connect');
export const isTableConvertor = (s: Storage): s is Storage & TableConvertor => has(s, 'convertToTable');
export const shortNamesOf = (s: Storage): string[] => (has(s, 'shortNames') ? (s as unknown as ShortNamesProvider).shortNames() : []);
export const categoriesOf = (s: Storage): string[] => (has(s, 'categories') ? (s as unknown as CategoriesProvider).categories() : []);
export const singularNameOf = (s: Storage): string | undefined => (has(s, 'getSingularName') ? (s as unknown as SingularNameProvider).getSingularName() : undefined);
export const convertDecoded = (s: Storage, obj: KObject): void => {
  if (has(s, 'convertDecoded')) (s as unknown as DecodeConverter).convertDecoded(obj);
};
export const storageVersionOf = (s: Storage): GroupVersionKind | undefined => (has(s, 'storageVersion') ? (s as unknown as StorageVersionProvider).storageVersion() : undefined);
export const gvkProviderOf = (s: Storage): GroupVersionKindProvider | undefined => (has(s, 'groupVersionKind') ? (s as unknown as GroupVersionKindProvider) : undefined);
