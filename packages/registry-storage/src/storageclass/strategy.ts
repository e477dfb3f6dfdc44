import type { KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import { setStorageClassDefaults } from './defaults';
import type { StorageClass } from './types';
import { validateStorageClass, validateStorageClassUpdate } from './validation';

/** storageclass.Strategy: defaults on every write (kube defaults on decode), the update rules of ValidateStorageClassUpdate. */
export const storageClassStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => setStorageClassDefaults(obj as StorageClass),
  prepareForUpdate: (_ctx: RequestContext, obj: KObject) => setStorageClassDefaults(obj as StorageClass),
  validate: (_ctx: RequestContext, obj: KObject) => validateStorageClass(obj as StorageClass),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => validateStorageClassUpdate(obj as StorageClass, old as StorageClass),
};
