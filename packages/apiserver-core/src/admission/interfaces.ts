import type { RequestContext } from '../rest/context';
import type { Attributes, Operation } from './attributes';

/**
 * admission.Interface: every plugin says which operations it looks at, so the chain and the
 * handlers skip the ones that do not care (a CONNECT never reaches a quota plugin).
 */
export interface AdmissionInterface {
  handles(operation: Operation): boolean;
}

/** admission.MutationInterface: may change `attributes.object` (in place or by replacing it). */
export interface MutationInterface extends AdmissionInterface {
  admit(ctx: RequestContext, attributes: Attributes): Promise<void>;
}

/** admission.ValidationInterface: looks at the final object; must not change it. */
export interface ValidationInterface extends AdmissionInterface {
  validate(ctx: RequestContext, attributes: Attributes): Promise<void>;
}

export const isMutationInterface = (a: AdmissionInterface | undefined): a is MutationInterface => typeof (a as Partial<MutationInterface> | undefined)?.admit === 'function';
export const isValidationInterface = (a: AdmissionInterface | undefined): a is ValidationInterface =>
  typeof (a as Partial<ValidationInterface> | undefined)?.validate === 'function';

/** admission.Handler: the `handles` of a plugin that looks at a fixed set of operations. */
export function handlesOperations(...operations: Operation[]): AdmissionInterface['handles'] {
  const set = new Set(operations);
  return (operation) => set.has(operation);
}
