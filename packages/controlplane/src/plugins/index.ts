export * from './plugin-error';
export * from './module-labels';
export * from './load-plugin';
export * from './load-group-modules';
