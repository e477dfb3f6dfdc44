export * from './endpointslice/definition';
export * from './endpointslice/defaults';
export * from './endpointslice/from-endpoints';
export * from './endpointslice/strategy';
export * from './endpointslice/types';
export * from './endpointslice/validation';
export * from './rest/storage-discovery';
export * from './registry-discovery-module';
