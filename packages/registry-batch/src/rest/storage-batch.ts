import { newRESTStorageProviderFor } from '@kapi/apiserver-core';
import { cronJobDefinition } from '../cronjob/definition';
import { jobDefinition } from '../job/definition';

/** batch/v1: jobs, jobs/status, cronjobs, cronjobs/status (pkg/registry/batch/rest). */
export const batchRESTStorageProvider = newRESTStorageProviderFor({
  group: 'batch',
  versions: ['v1'],
  resources: [jobDefinition, cronJobDefinition],
});
