import 'reflect-metadata';
import { registryBatchModule } from './registry-batch-module';

export * from './registry-batch-module';
export * from './rest/storage-batch';
export * from './common/types';
export * from './job/definition';
export * from './job/validation';
export * from './cronjob/definition';
export { scheduleError } from './cronjob/schedule';

export default registryBatchModule;
