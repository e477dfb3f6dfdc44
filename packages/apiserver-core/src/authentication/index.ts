export * from './user';
export * from './authenticator';
export * from './request';
