export * from './rest/storage-storage';
export * from './registry-storage-module';
export * from './storageclass/definition';
export * from './csidriver/definition';
export * from './csinode/definition';
export * from './csistoragecapacity/definition';
export * from './volumeattachment/definition';
