export * from './lease/definition';
export * from './lease/microtime';
export * from './lease/strategy';
export * from './lease/types';
export * from './lease/validation';
export * from './rest/storage-coordination';
export * from './registry-coordination-module';
