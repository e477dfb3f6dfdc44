export * from './types';
export * from './schema-registry';
export * from './list-extensions';
export { builtinDefinition, builtinDefinitionOfKind, generatedOpenAPIFile, INT_OR_STRING, QUANTITY } from './builtin-definitions';
