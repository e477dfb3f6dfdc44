export * from './types';
export * from './schema-validator';
export * from './pruning';
export * from './defaulting';
export * from './type-shape';
export * from './schema-strategy';
export { knownFormat } from './formats';
export * from './structural-schema-validation';
