import 'reflect-metadata';
import { ContainerModule } from 'inversify';
import { newRESTStorageProviderFor, bindService, RESTStorageProviderKey } from '@kapi/apiserver-core';
import { backupDefinition } from './backup/definition.generated';

export * from './backup/types';
export { backupDefinition };

/** backups.example.dev/v1: backups and backups/status, everything about them generated from backup/types.ts. */
export const backupsModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey).toConstantValue(newRESTStorageProviderFor({ group: 'backups.example.dev', versions: ['v1'], resources: [backupDefinition] }));
});

export default backupsModule;
