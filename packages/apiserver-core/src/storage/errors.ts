/**
 * storage.StorageError: failures of the storage layer, by code. The registry turns them into
 * API StatusErrors (interpretStorageError) so storage stays free of REST concerns.
 */
export type StorageErrorCode =
  | 'KeyNotFound'
  | 'KeyExists'
  | 'ResourceVersionConflicts'
  | 'InvalidObj'
  | 'Unreachable'
  | 'InvalidError'
  | 'Compacted'
  | 'TooLargeResourceVersion'
  | 'Timeout'
  | 'InternalError';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    readonly key: string,
    message: string,
    readonly resourceVersion = 0,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export const storageErrors = {
  keyNotFound: (key: string, rv = 0) => new StorageError('KeyNotFound', key, `key not found: ${key}`, rv),
  keyExists: (key: string, rv = 0) => new StorageError('KeyExists', key, `key exists: ${key}`, rv),
  conflict: (key: string, detail: string) => new StorageError('ResourceVersionConflicts', key, detail),
  invalidObj: (key: string, detail: string) => new StorageError('InvalidObj', key, detail),
  /** storage.NewInternalError: a value that cannot be transformed (decrypted) is the server's failure, a 500. */
  internal: (key: string, detail: string) => new StorageError('InternalError', key, detail),
  unreachable: (key: string, detail: string) => new StorageError('Unreachable', key, detail),
  compacted: (requested: number, compacted: number) => new StorageError('Compacted', '', `too old resource version: ${requested} (${compacted})`, compacted),
  tooLargeResourceVersion: (requested: number, current: number) =>
    new StorageError('TooLargeResourceVersion', '', `Too large resource version: ${requested}, current: ${current}`, current),
};

export function isStorageError(err: unknown, code?: StorageErrorCode): err is StorageError {
  return err instanceof StorageError && (code === undefined || err.code === code);
}
