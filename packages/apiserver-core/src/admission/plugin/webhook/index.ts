export * from './types';
export * from './errors';
export * from './matching';
export * from './plugin';
