export * from './build-authenticator';
