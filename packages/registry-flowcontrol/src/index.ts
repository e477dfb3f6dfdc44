export * from './rest/storage-flowcontrol';
export * from './registry-flowcontrol-module';
export * from './flowschema/definition';
export * from './prioritylevelconfiguration/definition';
export { autoUpdateAnnotation } from './bootstrap/annotations';
export { mandatoryFlowSchemas, suggestedFlowSchemas } from './bootstrap/flow-schemas';
export { mandatoryPriorityLevels, suggestedPriorityLevels } from './bootstrap/priority-levels';
export { ensureFlowControlConfiguration } from './bootstrap/ensure';
export { FlowSchemaDanglingController } from './dangling/dangling-controller';
