import { DefaultStrategy, isDNS1123Label, semanticEqual, type ErrorList, type GroupVersionKind, type KObject, type RequestContext } from '@kapi/apiserver-core';
import { specPath, validateImmutableSelector } from './workload-validation';
import { specOf } from './types';

/**
 * What the strategies of pkg/registry/apps/* share: namespaced, the status a client sends is
 * dropped on create and kept on update (it belongs to /status), defaults are applied before
 * validation on every write, generation starts at 1 and moves when the spec does, and the apps/v1
 * selector is immutable.
 */
export abstract class WorkloadStrategy extends DefaultStrategy {
  abstract override readonly kind: GroupVersionKind;
  /** SetDefaults_<Kind> of pkg/apis/apps/v1. */
  abstract applyDefaults(obj: KObject): void;
  /** Validate<Kind>Spec. */
  abstract validateSpec(obj: KObject): ErrorList;

  namespaceScoped(): boolean {
    return true;
  }

  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    // The status is a struct, not a pointer, in Go: a new workload reads back with `status: {}`.
    obj.status = {};
    obj.metadata = { ...obj.metadata, generation: 1 };
    this.applyDefaults(obj);
  }

  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    obj.status = old.status ?? {};
    this.applyDefaults(obj);
    if (this.specChanged(obj, old)) obj.metadata = { ...obj.metadata, generation: (old.metadata?.generation ?? 0) + 1 };
  }

  /** Any spec change bumps generation, so a controller can tell a scale from a template change by observedGeneration. */
  protected specChanged(obj: KObject, old: KObject): boolean {
    return !semanticEqual(obj.spec, old.spec);
  }

  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return this.validateSpec(obj);
  }

  warningsOnCreate(_ctx: RequestContext, obj: KObject): string[] {
    return podNamePrefixWarnings(obj);
  }

  /** Validate<Kind>Update beyond the spec rules: by default, the apps/v1 selector never changes. */
  validateSpecUpdate(obj: KObject, old: KObject): ErrorList {
    return validateImmutableSelector(specOf(obj), specOf(old), specPath);
  }

  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return [...this.validateSpec(obj), ...this.validateSpecUpdate(obj, old)];
  }
}

/**
 * The /status strategy of a workload: the spec (and labels, as kube-apiserver keeps them) come
 * from the stored object whatever the client sent; only the status is validated.
 */
export class WorkloadStatusStrategy extends DefaultStrategy {
  readonly kind: GroupVersionKind;

  constructor(
    main: WorkloadStrategy,
    private readonly validateStatus: (obj: KObject, old: KObject) => ErrorList,
  ) {
    super();
    this.kind = main.kind;
  }

  namespaceScoped(): boolean {
    return true;
  }

  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    obj.spec = old.spec;
    obj.status ??= {};
    const labels = old.metadata?.labels;
    obj.metadata = { ...obj.metadata };
    if (labels === undefined) delete obj.metadata.labels;
    else obj.metadata.labels = labels;
  }

  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return this.validateStatus(obj, old);
  }
}

/** A subdomain name is allowed, but a controller's pods take it as their hostname prefix: warn, as kube-apiserver does. */
export function podNamePrefixWarnings(obj: KObject): string[] {
  const msgs = isDNS1123Label(obj.metadata?.name ?? '');
  if (msgs.length === 0) return [];
  return [`metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`];
}
