export * from './apis/types';
export * from './apis/helpers';
export * from './apiserver';
export * from './customresource/handler';
export * from './customresource/converter';
export type { CustomResourceValidator } from './customresource/strategy';
