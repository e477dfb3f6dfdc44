import 'reflect-metadata';
import { registrySchedulingModule } from './registry-scheduling-module';

export * from './registry-scheduling-module';
export * from './rest/storage-scheduling';
export * from './priorityclass/types';
export * from './priorityclass/system-classes';
export * from './priorityclass/definition';

export default registrySchedulingModule;
