import 'reflect-metadata';

export * from './options';
export * from './runtime-config';
export * from './instance';
export * from './bootstrap-controller';
export * from './storage-backends';
export * from './server-chain';
export * from './plugins';
export * from './composition';
export * from './controllers';
export * from './admission/namespace-lifecycle';
export * from './authenticator';
export * from './authentication/service-account';
export * from './authorizer';
