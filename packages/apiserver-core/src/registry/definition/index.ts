export * from './types';
export { kindOf, newDefinedStrategy, newDefinedStatusStrategy } from './defined-strategy';
export * from './versioned-storage';
export { DefinedStore, newDefinedStore, newResourceStorage, tableOf, type VersionStorage } from './resource-storage';
export * from './group-provider';
