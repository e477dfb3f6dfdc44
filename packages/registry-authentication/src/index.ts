export * from './user-info';
export * from './rest/storage-authentication';
export * from './registry-authentication-module';
export * from './tokenreview/storage';
export * from './selfsubjectreview/storage';
