import 'reflect-metadata';

export * from './options';
export * from './runtime-config';
export * from './instance';
export * from './bootstrap-controller';
export * from './storage-backends';
export * from './server-chain';
export * from './plugins';
export * from './composition';
export * from './secure-serving';
export * from './authentication';
export * from './controllers';
export * from './admission';
export * from './authorizer';
