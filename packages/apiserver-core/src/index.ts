import 'reflect-metadata';

export * from './runtime/object';
export * from './api/errors';
export * from './validation';
export * from './labels/selector';
export * from './fields/selector';
export * as storage from './storage';
export * from './storage/testing/conformance';
