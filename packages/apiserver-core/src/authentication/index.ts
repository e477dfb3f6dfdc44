export * from './user';
export * from './authenticator';
