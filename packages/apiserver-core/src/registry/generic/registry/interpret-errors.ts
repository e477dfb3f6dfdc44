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

export { ContinueExpiredError } from '../../../storage/continue-token';
