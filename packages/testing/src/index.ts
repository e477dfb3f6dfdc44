import 'reflect-metadata';

export * from './duration';
export * from './fake-clock';
export * from './faults/request-match';
export * from './faults/faults';
export * from './faults/fault-filter';
export * from './faults/unavailable-kv';
export * from './client-node';
export * from './crd-directory';
export * from './testing-backend';
export * from './watch-caches';
export * from './test-server';
