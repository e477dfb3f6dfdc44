export * from './scalar-types';
export { generate, SchemaGenError, type GenerateResult } from './generate';
export type { GeneratedResource } from './resource';
