export * from './environment';
export * from './activation';
export * from './match-conditions';
export * from './authz';
