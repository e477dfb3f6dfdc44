export * from './plugins';
export * from './build-admission';
