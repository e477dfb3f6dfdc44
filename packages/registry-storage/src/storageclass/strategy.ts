import { Path, type KObject, type RequestContext, type StrategyHooks } from '@kapi/apiserver-core';
import { nodeLabelDeprecatedMessage } from '@kapi/registry-core';
import { setStorageClassDefaults } from './defaults';
import type { StorageClass } from './types';
import { validateStorageClass, validateStorageClassUpdate } from './validation';

/** GetWarningsForStorageClass: topology keys that are deprecated node labels. */
function storageClassWarnings(sc: StorageClass): string[] {
  const warnings: string[] = [];
  (sc.allowedTopologies ?? []).forEach((term, i) =>
    (term.matchLabelExpressions ?? []).forEach((e, j) => {
      const message = nodeLabelDeprecatedMessage(e.key);
      if (message) warnings.push(`${Path.root('allowedTopologies').index(i).child('matchLabelExpressions').index(j).child('key')}: ${message}`);
    }),
  );
  return warnings;
}

/** storageclass.Strategy: defaults on every write (kube defaults on decode), the update rules of ValidateStorageClassUpdate. */
export const storageClassStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => setStorageClassDefaults(obj as StorageClass),
  prepareForUpdate: (_ctx: RequestContext, obj: KObject) => setStorageClassDefaults(obj as StorageClass),
  validate: (_ctx: RequestContext, obj: KObject) => validateStorageClass(obj as StorageClass),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => validateStorageClassUpdate(obj as StorageClass, old as StorageClass),
  warningsOnCreate: (_ctx: RequestContext, obj: KObject) => storageClassWarnings(obj as StorageClass),
  warningsOnUpdate: (_ctx: RequestContext, obj: KObject) => storageClassWarnings(obj as StorageClass),
};
