export * from './registry-events-module';
export * from './rest/storage-events';
export * from './event/definition';
export * from './event/conversion';
export * from './event/validation';
