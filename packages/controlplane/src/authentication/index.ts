export * from './build-authenticator';
export * from './token-authenticator';
export * from './request-header-authenticator';
export * from './service-account';
