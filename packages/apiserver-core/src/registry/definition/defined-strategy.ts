import type { GroupVersionKind, KObject } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import { bumpGenerationOnSpecChange, DefaultStrategy, keepStatusOnUpdate, resetStatusOnCreate } from '../../rest/default-strategy';
import type { GarbageCollectionPolicy, RESTStrategy } from '../../rest/strategy';
import type { ErrorList } from '../../validation/field';
import type { ValidateNameFunc } from '../../validation/names';
import { schemaValidation, type SchemaValidation } from '../../structural/schema-strategy';
import type { JSONSchemaProps } from '../../structural/types';
import type { ResourceDefinition, StrategyHooks } from './types';

/**
 * The strategy of a defined resource: the definition's conventions (scope, kind, status kept off
 * the main resource, generation) around the resource's own hooks, which run last so they see the
 * object as the conventions left it.
 */
class DefinedStrategy extends DefaultStrategy {
  readonly nameValidation?: ValidateNameFunc;

  constructor(
    readonly kind: GroupVersionKind,
    private readonly namespaced: boolean,
    private readonly hooks: StrategyHooks,
    private readonly conventions: { status: boolean; generation: boolean; createWithStatus?: boolean; schema?: SchemaValidation },
  ) {
    super();
    this.nameValidation = hooks.nameValidation;
  }

  namespaceScoped(): boolean {
    return this.namespaced;
  }

  override prepareForCreate(ctx: RequestContext, obj: KObject): void {
    if (this.conventions.status && !this.conventions.createWithStatus) resetStatusOnCreate(obj);
    if (this.conventions.generation) obj.metadata = { ...obj.metadata, generation: 1 };
    this.conventions.schema?.prepare(obj);
    this.hooks.prepareForCreate?.(ctx, obj);
  }

  override prepareForUpdate(ctx: RequestContext, obj: KObject, old: KObject): void {
    if (this.conventions.status) keepStatusOnUpdate(obj, old);
    this.conventions.schema?.prepare(obj);
    this.hooks.prepareForUpdate?.(ctx, obj, old);
    // After the hooks: defaults they set on the spec are part of what changed.
    if (this.conventions.generation) bumpGenerationOnSpecChange(obj, old);
  }

  override validate(ctx: RequestContext, obj: KObject): ErrorList {
    return [...(this.conventions.schema?.validate(obj) ?? []), ...(this.hooks.validate?.(ctx, obj) ?? [])];
  }

  override validateUpdate(ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return [...(this.conventions.schema?.validateUpdate(obj, old) ?? []), ...(this.hooks.validateUpdate?.(ctx, obj, old) ?? [])];
  }

  warningsOnCreate(ctx: RequestContext, obj: KObject): string[] {
    return this.hooks.warningsOnCreate?.(ctx, obj) ?? [];
  }

  warningsOnUpdate(ctx: RequestContext, obj: KObject, old: KObject): string[] {
    return this.hooks.warningsOnUpdate?.(ctx, obj, old) ?? [];
  }

  override canonicalize(obj: KObject): void {
    this.hooks.canonicalize?.(obj);
  }

  override allowCreateOnUpdate(): boolean {
    return this.hooks.allowCreateOnUpdate?.() ?? false;
  }

  override allowUnconditionalUpdate(): boolean {
    return this.hooks.allowUnconditionalUpdate?.() ?? true;
  }

  override checkGracefulDelete(ctx: RequestContext, obj: KObject, opts: { gracePeriodSeconds?: number }): boolean {
    return this.hooks.checkGracefulDelete?.(ctx, obj, opts) ?? false;
  }

  defaultGarbageCollectionPolicy(ctx: RequestContext): GarbageCollectionPolicy {
    return this.hooks.defaultGarbageCollectionPolicy?.(ctx) ?? 'DeleteDependents';
  }
}

/** `<plural>/status`: the stored spec (and generation) stay whatever the client sends; the hooks validate the status. */
class DefinedStatusStrategy extends DefinedStrategy {
  override prepareForUpdate(ctx: RequestContext, obj: KObject, old: KObject): void {
    obj.spec = old.spec;
    if (old.metadata?.generation !== undefined) obj.metadata = { ...obj.metadata, generation: old.metadata.generation };
    super.prepareForUpdate(ctx, obj, old);
  }
}

export function kindOf(def: ResourceDefinition): GroupVersionKind {
  return { group: def.group, version: def.version, kind: def.kind };
}

/** A structural schema is compiled once, however many servers in the process serve the resource. */
const compiled = new WeakMap<JSONSchemaProps, SchemaValidation>();
function schemaOf(def: ResourceDefinition): SchemaValidation | undefined {
  const s = def.structuralSchema;
  if (!s) return undefined;
  if (!compiled.has(s)) compiled.set(s, schemaValidation(s));
  return compiled.get(s);
}

/** The strategy create, update and delete of the resource itself go through. */
export function newDefinedStrategy(def: ResourceDefinition): RESTStrategy {
  return new DefinedStrategy(kindOf(def), def.scope === 'Namespaced', def.strategy ?? {}, {
    status: def.status !== undefined,
    generation: def.generation ?? false,
    createWithStatus: def.createWithStatus,
    schema: schemaOf(def),
  });
}

/** The update strategy of `<plural>/status`, or undefined when the kind has no status subresource. */
export function newDefinedStatusStrategy(def: ResourceDefinition): RESTStrategy | undefined {
  if (def.status === undefined) return undefined;
  const hooks = def.status === true ? {} : def.status;
  return new DefinedStatusStrategy(kindOf(def), def.scope === 'Namespaced', hooks, { status: false, generation: false, schema: schemaOf(def) });
}
