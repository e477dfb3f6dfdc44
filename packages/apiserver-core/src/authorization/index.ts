export * from './authorizer';
export * from './always';
export * from './forbidden-message';
export * from './union';
export * from './webhook/webhook-authorizer';
export * from './webhook/testing/webhook-test-server';
