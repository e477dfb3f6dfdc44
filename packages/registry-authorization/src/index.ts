export * from './rest/storage-authorization';
export * from './registry-authorization-module';
export * from './subjectaccessreview/storage';
export * from './localsubjectaccessreview/storage';
export * from './selfsubjectaccessreview/storage';
export * from './selfsubjectrulesreview/storage';
export * from './util/helpers';
export * from './validation/validation';
