export * from './configmap-guard';
export * from './configmap-guard-module';
