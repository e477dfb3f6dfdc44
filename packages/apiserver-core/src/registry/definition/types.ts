import type { GroupResource, KObject } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import type { Storage, TableConvertor } from '../../rest/interfaces';
import type { GarbageCollectionPolicy } from '../../rest/strategy';
import type { TableColumn } from '../../rest/table';
import type { ErrorList } from '../../validation/field';
import type { ValidateNameFunc } from '../../validation/names';
import type { ResourceSchema } from '../../schema/types';
import type { JSONSchemaProps } from '../../structural/types';
import type { ScaleConverter } from '../rest/scale-rest';
import type { StoreConfig, StoreOptions } from '../generic/registry/store-config';
import type { Store } from '../generic/registry/store';
import type { RESTOptionsGetter } from '../generic/options';

/**
 * What a resource's strategy says beyond the conventions the definition already states (scope,
 * kind, status handling, generation). Every hook is optional; an existing strategy object (a
 * DefaultStrategy subclass) can be passed as is — its kind and scope are taken from the definition.
 */
export interface StrategyHooks {
  prepareForCreate?(ctx: RequestContext, obj: KObject): void;
  prepareForUpdate?(ctx: RequestContext, obj: KObject, old: KObject): void;
  validate?(ctx: RequestContext, obj: KObject): ErrorList;
  validateUpdate?(ctx: RequestContext, obj: KObject, old: KObject): ErrorList;
  canonicalize?(obj: KObject): void;
  /** Warnings returned with a successful create or update (the `Warning:` lines kubectl prints). */
  warningsOnCreate?(ctx: RequestContext, obj: KObject): string[];
  warningsOnUpdate?(ctx: RequestContext, obj: KObject, old: KObject): string[];
  allowCreateOnUpdate?(): boolean;
  allowUnconditionalUpdate?(): boolean;
  checkGracefulDelete?(ctx: RequestContext, obj: KObject, opts: { gracePeriodSeconds?: number }): boolean;
  /** What a delete without a propagation policy does to dependents (DeleteDependents when absent). */
  defaultGarbageCollectionPolicy?(ctx: RequestContext): GarbageCollectionPolicy;
  /** The name rule (DNS subdomain by default). */
  nameValidation?: ValidateNameFunc;
}

/**
 * Another served version of a resource (hub and spoke): the Store holds the storage version (the
 * hub); a request in this version is converted to it on the way in and back on the way out. Both
 * functions receive a copy they may change, and set apiVersion/kind themselves only if the kind
 * differs — the helper writes apiVersion.
 */
export interface VersionConverter {
  toStorage(obj: KObject): KObject;
  fromStorage(obj: KObject): KObject;
}

/**
 * The one declaration of a resource. From it the helper builds the generic Store, the status and
 * scale subresources, the Table output, the discovery entry (short names, categories, singular) and
 * the schema, for every version of the group that serves it.
 */
export interface ResourceDefinition {
  group: string;
  /** The storage version: the form the Store holds and the version served without conversion. */
  version: string;
  kind: string;
  /** The resource name ("cronjobs"). */
  plural: string;
  /** Defaults to the lower-cased kind. */
  singular?: string;
  scope: 'Namespaced' | 'Cluster';
  shortNames?: string[];
  categories?: string[];
  strategy?: StrategyHooks;
  /**
   * The kind has a status written through `<plural>/status`: creates drop the status the client
   * sent, updates keep the stored one, /status keeps the stored spec. The hooks (validation of the
   * status, mostly) run for /status updates.
   */
  status?: StrategyHooks | true;
  /** A create keeps the status it was sent (kubelets register their Node with its status); updates still keep the stored one. */
  createWithStatus?: boolean;
  /** metadata.generation starts at 1 and moves with every spec change (kinds with a spec and a controller). */
  generation?: boolean;
  /** `<plural>/scale` as autoscaling/v1 Scale: how the parent reads as a Scale (replicas are written to spec.replicas). */
  scale?: ScaleConverter;
  /** Table output: columns after NAME (AGE is appended) or a whole convertor. */
  table?: TableColumn[] | TableConvertor;
  /**
   * The kind's schema (OpenAPI, strategic merge, pruning). Built-in kinds may leave it out: the
   * server takes Kubernetes' own definition by GVK.
   */
  schema?: ResourceSchema;
  /**
   * The kind's schema in structural form, as a CRD's openAPIV3Schema: every write is pruned,
   * defaulted and validated by it (keywords and x-kubernetes-validations CEL rules) before the
   * strategy's own hooks, and it is the kind's OpenAPI unless `schema` is given — written once.
   */
  structuralSchema?: JSONSchemaProps;
  /** Where the objects are stored when another resource's storage is shared (events.k8s.io events live with core events). */
  storageResource?: GroupResource;
  /**
   * The form the shared storage holds when it is another group's (events.k8s.io/v1 Events are
   * stored as core v1 Events): the Store, its strategy and Table work on that form, and every served
   * version, `version` included, converts to and from it. Its objects keep the storage resource's
   * name in errors, as they do in kube-apiserver.
   */
  storedAs?: { group: string; version: string } & VersionConverter;
  /** Other versions of the group that serve this resource, with their conversion to and from the storage version. */
  versions?: Record<string, VersionConverter>;
  /** Store settings the definition does not derive (TTL, write hooks, returnDeletedObject, key functions). */
  store?: Partial<
    Omit<
      StoreConfig,
      'newFunc' | 'newListFunc' | 'defaultQualifiedResource' | 'singularQualifiedResource' | 'createStrategy' | 'updateStrategy' | 'deleteStrategy' | 'tableConvertor'
    >
  >;
  /** completeWithOptions settings (field selectors' attributes, indexers). */
  storeOptions?: Omit<StoreOptions, 'restOptions'>;
  /** Builds the Store when the resource needs a Store subclass (extra behaviour on get/delete…). */
  newStore?: (config: StoreConfig) => Store;
  /** Other subresources ("eviction", "approval"…), built on the resource's Store. */
  subresources?: Record<string, (store: Store, getter: RESTOptionsGetter) => Storage>;
}

/** A group as a list of resource definitions: the helper turns it into a RESTStorageProvider. */
export interface GroupDefinition {
  group: string;
  /** Served versions, preferred first. */
  versions: string[];
  resources: ResourceDefinition[];
  /** Protobuf messages for kinds the built-in tables do not cover (a plugin's own kinds). */
  protobufMessages?: import('../../runtime/protobuf/registry').ProtobufMessageRegistry;
  /**
   * Hooks to run once the server runs (bootstrap objects, like kube's priority-and-fairness or
   * scheduling post-start hooks), given the storage the provider installed: version → resource path → storage.
   */
  postStartHooks?: GroupPostStartHook[];
}

export interface GroupPostStartHook {
  name: string;
  hook(storage: Record<string, Record<string, Storage>>): Promise<void>;
}
