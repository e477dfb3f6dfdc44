export * from './plugins';
export * from './build-admission';
export * from './service-resolver';
