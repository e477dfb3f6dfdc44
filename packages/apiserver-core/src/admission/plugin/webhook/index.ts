export * from './types';
export * from './errors';
export * from './matching';
export * from './plugin';
export * from './service-resolver';
export { postToWebhook } from './client';
