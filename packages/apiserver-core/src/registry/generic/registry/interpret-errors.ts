import { newAlreadyExists, newConflict, newNotFound, newServerTimeout, StatusError } from '../../../api/errors';
import type { GroupResource } from '../../../runtime/object';
import { isStorageError } from '../../../storage/errors';

/** storeerr.InterpretXError: storage errors become the Status a client of kube-apiserver sees. */
export function interpretStorageError(err: unknown, gr: GroupResource, name: string, operation: string): unknown {
  if (!isStorageError(err)) return err;
  switch (err.code) {
    case 'KeyNotFound':
      return newNotFound(gr, name);
    case 'KeyExists':
      return newAlreadyExists(gr, name);
    case 'ResourceVersionConflicts':
    case 'InvalidObj':
      return operation === 'create' ? new StatusError(500, 'InternalError', `Internal error occurred: ${err.message}`) : newConflict(gr, name, err.message);
    case 'Unreachable':
    case 'Timeout':
      return newServerTimeout(gr, operation, 2);
    case 'TooLargeResourceVersion':
      return new StatusError(504, 'Timeout', err.message, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 });
    case 'Compacted':
      return new StatusError(410, 'Expired', err.message);
    default:
      return new StatusError(500, 'InternalError', `Internal error occurred: ${err.message}`);
  }
}

/** OptimisticLockErrorMsg of the registry: a PUT raced with another writer. */
export const optimisticLockErrorMsg = 'the object has been modified; please apply your changes to the latest version and try again';

/**
 * A 410 for a continue token whose revision was compacted. Its Status carries a fresh token that
 * continues from the same key at the newest revision (an inconsistent but complete remainder).
 */
export class ContinueExpiredError extends StatusError {
  constructor(readonly continueToken: string | undefined) {
    super(410, 'Expired', continueToken ? inconsistentContinueMsg : continueExpiredMsg);
  }

  override toStatus(): ReturnType<StatusError['toStatus']> {
    const status = super.toStatus();
    if (this.continueToken) status.metadata = { continue: this.continueToken };
    return status;
  }
}

const continueExpiredMsg = 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';
const inconsistentContinueMsg =
  continueExpiredMsg.slice(0, -1) +
  ', or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';
