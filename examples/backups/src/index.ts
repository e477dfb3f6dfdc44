import 'reflect-metadata';
import { ContainerModule } from 'inversify';
import { newRESTStorageProviderFor, RESTStorageProvider } from '@kapi/apiserver-core';
import { backupDefinition } from './backup/definition.generated';

export * from './backup/types';
export { backupDefinition };

/** backups.example.dev/v1: backups and backups/status, everything about them generated from backup/types.ts. */
export const backupsModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider).toConstantValue(newRESTStorageProviderFor({ group: 'backups.example.dev', versions: ['v1'], resources: [backupDefinition] }));
});

export default backupsModule;
