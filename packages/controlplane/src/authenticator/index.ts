export * from './token-authenticator';
export * from './request-header-authenticator';
