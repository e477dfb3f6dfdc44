export * from './registry-policy-module';
export * from './rest/storage-policy';
export * from './poddisruptionbudget/definition';
export * from './poddisruptionbudget/disruption-budget-client';
export * from './poddisruptionbudget/validation';
