import {
  DefaultStrategy,
  keepStatusOnUpdate,
  nameIsDNSSubdomain,
  semanticEqual,
  validateObjectMeta,
  validateObjectMetaUpdate,
  type ErrorList,
  type GroupVersionKind,
  type KObject,
  type RequestContext,
} from '@kapi/apiserver-core';
import { validateScaleReplicas, type ScalePaths } from './scale';

/** What validates a custom resource of one version against its schema (the structural schema engine). */
export interface CustomResourceValidator {
  validate(obj: KObject): ErrorList;
  validateUpdate(obj: KObject, old: KObject): ErrorList;
}

export interface CustomResourceStrategyOptions {
  kind: GroupVersionKind;
  namespaced: boolean;
  /** The status subresource is on: status is written through it alone. */
  statusEnabled: boolean;
  scale?: ScalePaths;
  validator?: CustomResourceValidator;
}

/** Everything but metadata and status: a change there is a new generation (customResourceStrategy.PrepareForUpdate). */
function specChanged(obj: KObject, old: KObject): boolean {
  const strip = ({ metadata: _m, status: _s, ...rest }: KObject) => rest;
  return !semanticEqual(strip(obj), strip(old));
}

/** pkg/registry/customresource strategy: metadata, schema and scale validation; status kept when it is a subresource. */
export class CustomResourceStrategy extends DefaultStrategy {
  readonly kind: GroupVersionKind;

  constructor(protected readonly opts: CustomResourceStrategyOptions) {
    super();
    this.kind = opts.kind;
  }

  namespaceScoped(): boolean {
    return this.opts.namespaced;
  }

  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    if (this.opts.statusEnabled) delete obj.status;
    obj.metadata = { ...obj.metadata, generation: 1 };
  }

  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    if (this.opts.statusEnabled) keepStatusOnUpdate(obj, old);
    const generation = old.metadata?.generation ?? 0;
    obj.metadata = { ...obj.metadata, generation: specChanged(obj, old) ? generation + 1 : generation };
  }

  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return [
      ...validateObjectMeta(obj.metadata ?? {}, this.opts.namespaced, nameIsDNSSubdomain),
      ...(this.opts.validator?.validate(obj) ?? []),
      ...(this.opts.scale ? validateScaleReplicas(obj, this.opts.scale) : []),
    ];
  }

  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return [
      ...validateObjectMeta(obj.metadata ?? {}, this.opts.namespaced, nameIsDNSSubdomain),
      ...validateObjectMetaUpdate(obj.metadata ?? {}, old.metadata ?? {}),
      ...(this.opts.validator?.validateUpdate(obj, old) ?? []),
      ...(this.opts.scale ? validateScaleReplicas(obj, this.opts.scale) : []),
    ];
  }
}

/** `<plural>/status`: only status changes; metadata stays as stored but for the managedFields the request tracked. */
export class CustomResourceStatusStrategy extends CustomResourceStrategy {
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    const { status } = obj;
    const managedFields = obj.metadata?.managedFields;
    for (const key of Object.keys(obj)) delete obj[key];
    Object.assign(obj, structuredClone(old));
    obj.metadata = { ...obj.metadata, managedFields };
    if (managedFields === undefined) delete obj.metadata.managedFields;
    if (status === undefined) delete obj.status;
    else obj.status = status;
  }
}
