import { bumpGenerationOnSpecChange, type KObject, type RequestContext, type StrategyHooks } from '@kapi/apiserver-core';
import { setCSIDriverDefaults } from './defaults';
import type { CSIDriver } from './types';
import { validateCSIDriver, validateCSIDriverUpdate } from './validation';

/**
 * csidriver.Strategy. Unlike kinds declared with `generation`, a CSIDriver is created without a
 * generation and gets old+1 on each spec change, as kube's strategy does.
 */
export const csiDriverStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => setCSIDriverDefaults(obj as CSIDriver),
  prepareForUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => {
    setCSIDriverDefaults(obj as CSIDriver);
    bumpGenerationOnSpecChange(obj, old);
  },
  validate: (_ctx: RequestContext, obj: KObject) => validateCSIDriver(obj as CSIDriver),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => validateCSIDriverUpdate(obj as CSIDriver, old as CSIDriver),
  allowUnconditionalUpdate: () => false,
};
