export * from './strategic-merge';
export * from './strategic-merge-applier';
export * from './field-validation';
export * from './duplicate-fields';
export * from './request-validation';
export * from './go-decoding';
