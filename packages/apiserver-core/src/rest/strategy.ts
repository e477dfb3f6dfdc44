import type { GroupVersionKind, KObject } from '../runtime/object';
import type { Attrs } from '../storage/selection-predicate';
import type { ErrorList } from '../validation/field';
import type { ValidateNameFunc } from '../validation/names';
import type { RequestContext } from './context';

/**
 * The strategies of k8s.io/apiserver/pkg/registry/rest: pure, stateless policy for one kind.
 * A resource's strategy.ts implements them; the generic Store calls them around every write.
 */
export interface RESTCreateStrategy {
  /** The kind the strategy governs, for Invalid errors ("ConfigMap \"x\" is invalid"). */
  readonly kind: GroupVersionKind;
  namespaceScoped(): boolean;
  /** How metadata.name is validated when it is not a DNS subdomain (RBAC names are path segments: "system:node"). */
  readonly nameValidation?: ValidateNameFunc;
  /** Clears fields the client may not set (status on create) and sets server defaults. */
  prepareForCreate(ctx: RequestContext, obj: KObject): void;
  validate(ctx: RequestContext, obj: KObject): ErrorList;
  warningsOnCreate?(ctx: RequestContext, obj: KObject): string[];
  /** Normalizes the object before storing (e.g. sorts lists whose order does not matter). */
  canonicalize(obj: KObject): void;
}

export interface RESTUpdateStrategy {
  readonly kind: GroupVersionKind;
  namespaceScoped(): boolean;
  /** PUT of a missing object creates it (e.g. endpoints, events). */
  allowCreateOnUpdate(): boolean;
  /** PUT without metadata.resourceVersion is accepted (last write wins). */
  allowUnconditionalUpdate(): boolean;
  /** Keeps what this endpoint may not change (status on the main resource, spec on /status). */
  prepareForUpdate(ctx: RequestContext, obj: KObject, old: KObject): void;
  validateUpdate(ctx: RequestContext, obj: KObject, old: KObject): ErrorList;
  warningsOnUpdate?(ctx: RequestContext, obj: KObject, old: KObject): string[];
  canonicalize(obj: KObject): void;
}

/** rest.GarbageCollectionPolicy: what happens to dependents when a delete names no propagation policy. */
export type GarbageCollectionPolicy = 'DeleteDependents' | 'OrphanDependents' | 'Unsupported';

export interface RESTDeleteStrategy {
  /** Seconds of graceful deletion to apply by default (pods: spec.terminationGracePeriodSeconds). */
  checkGracefulDelete?(ctx: RequestContext, obj: KObject, opts: { gracePeriodSeconds?: number }): boolean;
  /** DeleteDependents when absent; some kinds keep their old API's default (batch/v1 Jobs orphan their pods). */
  defaultGarbageCollectionPolicy?(ctx: RequestContext): GarbageCollectionPolicy;
}

/** GetAttrs of a strategy: labels and the fields a field selector may use for this kind. */
export type AttrsFunc = (obj: KObject) => Attrs;

/** What most strategies share: create, update and delete policy in one object. */
export type RESTStrategy = RESTCreateStrategy & RESTUpdateStrategy & RESTDeleteStrategy;
