export * from './options';
export * from './build-authorizer';
export * from './node/graph';
export * from './node/graph-source';
export * from './node/node-authorizer';
export * from './node/node-rules';
