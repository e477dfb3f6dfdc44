import type { GroupResource, KList, KObject } from '../../../runtime/object';
import type { RequestContext } from '../../../rest/context';
import type { CreateOptions, UpdateOptions } from '../../../rest/options';
import type { TableConvertor } from '../../../rest/interfaces';
import type { RESTCreateStrategy, RESTDeleteStrategy, RESTUpdateStrategy } from '../../../rest/strategy';
import type { AttrFunc } from '../../../storage/selection-predicate';
import type { Indexers, IndexerFunc, RESTOptions } from '../options';

/** The fields of genericregistry.Store a resource's storage.ts sets; the rest is derived by completeWithOptions. */
export interface StoreConfig {
  newFunc: () => KObject;
  newListFunc: () => KList;
  /** Plural resource used in errors ("configmaps"). */
  defaultQualifiedResource: GroupResource;
  /** Singular resource for discovery ("configmap"). */
  singularQualifiedResource: GroupResource;
  keyRootFunc?: (ctx: RequestContext) => string;
  keyFunc?: (ctx: RequestContext, name: string) => string;
  /** Seconds the object lives after a write (events); undefined = forever. */
  ttlFunc?: (obj: KObject, existingTTL: number | undefined, update: boolean) => number | undefined;
  /**
   * What kube's codec does when it decodes a request body into the internal version (Secret's
   * write-only stringData folded into data): the handlers run it on the decoded object — a create or
   * update body, the object a patch or apply produced — so admission and the field manager see
   * what is stored.
   */
  convertDecoded?: (obj: KObject) => void;
  /** DELETE answers the deleted object rather than a Status. */
  returnDeletedObject?: boolean;
  tableConvertor?: TableConvertor;
  createStrategy?: RESTCreateStrategy;
  updateStrategy?: RESTUpdateStrategy;
  deleteStrategy?: RESTDeleteStrategy;
  /** Hooks around writes (e.g. allocating a service IP before create, releasing it on failure). */
  beginCreate?: (ctx: RequestContext, obj: KObject, opts: CreateOptions) => Promise<(success: boolean) => Promise<void>>;
  afterCreate?: (ctx: RequestContext, obj: KObject) => Promise<void>;
  beginUpdate?: (ctx: RequestContext, obj: KObject, old: KObject, opts: UpdateOptions) => Promise<(success: boolean) => Promise<void>>;
  afterUpdate?: (ctx: RequestContext, obj: KObject) => Promise<void>;
  afterDelete?: (ctx: RequestContext, obj: KObject) => Promise<void>;
  /** Whether an update removes the object (default: it emptied the finalizers of a deleting object); namespaces also wait for spec.finalizers. */
  shouldDeleteDuringUpdate?: (obj: KObject, existing: KObject) => boolean;
}

/** generic.StoreOptions of CompleteWithOptions. */
export interface StoreOptions {
  restOptions: RESTOptions;
  attrFunc?: AttrFunc;
  triggerFunc?: IndexerFunc[];
  indexers?: Indexers;
}
