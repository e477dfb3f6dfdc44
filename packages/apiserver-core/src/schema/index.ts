export * from './types';
export * from './schema-registry';
export * from './well-known-extensions';
export { kubernetesTypesDefinition, INT_OR_STRING } from './kubernetes-types-definitions';
