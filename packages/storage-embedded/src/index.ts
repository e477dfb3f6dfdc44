export { EmbeddedKV, storeFileName, type EmbeddedKVOptions } from './embedded-kv';
export { newEmbeddedBackend, storageBackendType, defaultDataDir } from './embedded-backend';
export { DataDirLock, lockFileName } from './data-dir-lock';
export { saveSnapshot, restoreSnapshot, defaultBumpRevision, type RestoreOptions } from './snapshot';
export { currentDataDirFormat, DataDirFormatError } from './data-dir-format';
export { checkStoreFile, DamagedStoreError } from './store-file-check';
export { defragDataDir } from './defrag';
export { BackendQuota, defaultQuotaBackendBytes } from './backend-quota';
export { EmbeddedBackend } from './embedded-backend';
