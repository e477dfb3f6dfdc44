import { DefaultStrategy, type ValidateNameFunc } from '@kapi/apiserver-core';
import { validateRBACName } from './validation';

/**
 * What the four RBAC strategies share (pkg/registry/rbac/*\/strategy.go): names are path segments,
 * and a PUT of a missing object creates it — `kubectl auth reconcile` and the bootstrap policy rely on it.
 */
export abstract class RBACStrategy extends DefaultStrategy {
  readonly nameValidation: ValidateNameFunc = validateRBACName;

  override allowCreateOnUpdate(): boolean {
    return true;
  }
}
