export * from './environment';
export * from './activation';
