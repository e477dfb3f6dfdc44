import 'reflect-metadata';
import { registryNodeModule } from './registry-node-module';

export * from './registry-node-module';
export * from './rest/storage-node';
export * from './runtimeclass/types';
export * from './runtimeclass/definition';

export default registryNodeModule;
