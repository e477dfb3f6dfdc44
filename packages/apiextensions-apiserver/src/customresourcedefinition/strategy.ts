import { bumpGenerationOnSpecChange, DefaultStrategy, keepStatusOnUpdate, type ErrorList, type KObject, type RequestContext } from '@kapi/apiserver-core';
import { isCRDConditionTrue, storageVersionOf } from '../apis/helpers';
import { asCRD, crdKind, type CustomResourceDefinition } from '../apis/types';
import { defaultCustomResourceDefinition } from './defaults';
import { validateCustomResourceDefinition, validateCustomResourceDefinitionStatus, validateCustomResourceDefinitionUpdate } from './validation';

/** A new storage version joins status.storedVersions, so the versions objects may be stored in are never forgotten. */
function recordStorageVersion(crd: CustomResourceDefinition): void {
  const storage = storageVersionOf(crd);
  if (!storage) return;
  const status = (crd.status ??= {});
  const stored = (status.storedVersions ??= []);
  if (!stored.includes(storage.name)) stored.push(storage.name);
}

/** pkg/registry/customresourcedefinition strategy: cluster-scoped, status kept on spec writes, generation on spec changes. */
export class CustomResourceDefinitionStrategy extends DefaultStrategy {
  readonly kind = crdKind;

  namespaceScoped(): boolean {
    return false;
  }

  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    const crd = asCRD(obj);
    defaultCustomResourceDefinition(crd);
    crd.status = {};
    crd.metadata = { ...crd.metadata, generation: 1 };
    recordStorageVersion(crd);
  }

  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateCustomResourceDefinition(asCRD(obj));
  }

  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    const crd = asCRD(obj);
    defaultCustomResourceDefinition(crd);
    keepStatusOnUpdate(obj, old);
    crd.status = structuredClone(crd.status ?? {});
    bumpGenerationOnSpecChange(obj, old);
    recordStorageVersion(crd);
  }

  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return validateCustomResourceDefinitionUpdate(asCRD(obj), asCRD(old), isCRDConditionTrue(asCRD(old), 'Established'));
  }
}

/** customresourcedefinitions/status: only status changes; what the controllers write. */
export class CustomResourceDefinitionStatusStrategy extends CustomResourceDefinitionStrategy {
  override prepareForUpdate(_ctx: RequestContext, obj: KObject, old: KObject): void {
    const status = obj.status;
    Object.assign(obj, { spec: old.spec });
    obj.metadata = { ...obj.metadata, labels: old.metadata?.labels, annotations: old.metadata?.annotations, finalizers: old.metadata?.finalizers };
    obj.status = status;
  }

  override validateUpdate(_ctx: RequestContext, obj: KObject, _old: KObject): ErrorList {
    return validateCustomResourceDefinitionStatus(asCRD(obj));
  }
}

export const customResourceDefinitionStrategy = new CustomResourceDefinitionStrategy();
export const customResourceDefinitionStatusStrategy = new CustomResourceDefinitionStatusStrategy();
