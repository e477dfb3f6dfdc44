import type { RequestContext } from '../rest/context';
import type { Attributes, Operation } from './attributes';
import { isMutationInterface, isValidationInterface, type AdmissionInterface, type MutationInterface, type ValidationInterface } from './interfaces';

/**
 * admission.chainAdmissionHandler: the enabled plugins in their order. admit runs every mutating
 * plugin that handles the operation, validate every validating one; the first error stops the request.
 */
export class ChainAdmissionHandler implements MutationInterface, ValidationInterface {
  constructor(readonly plugins: readonly AdmissionInterface[]) {}

  handles(operation: Operation): boolean {
    return this.plugins.some((p) => p.handles(operation));
  }

  async admit(ctx: RequestContext, attributes: Attributes): Promise<void> {
    for (const p of this.plugins) {
      if (isMutationInterface(p) && p.handles(attributes.operation)) await p.admit(ctx, attributes);
    }
  }

  async validate(ctx: RequestContext, attributes: Attributes): Promise<void> {
    for (const p of this.plugins) {
      if (isValidationInterface(p) && p.handles(attributes.operation)) await p.validate(ctx, attributes);
    }
  }
}
