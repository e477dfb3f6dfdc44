export * from './authorizer';
export * from './always';
export * from './forbidden-message';
export * from './union';
