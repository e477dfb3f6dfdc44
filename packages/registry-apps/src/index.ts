export * from './rest/storage-apps';
export * from './registry-apps-module';
export * from './deployment/storage';
export * from './deployment/strategy';
