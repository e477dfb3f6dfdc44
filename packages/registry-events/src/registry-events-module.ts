import { ContainerModule } from 'inversify';
import { bindService, getOptionalService, RESTStorageProviderKey, ServerRunOptionsKey } from '@kapi/apiserver-core';
import { legacyConfigFrom, type LegacyRESTStorageConfig } from '@kapi/registry-core';
import { newEventsRESTStorageProvider } from './rest/storage-events';

/** events.k8s.io as a group module; its events live as long as core's (--event-ttl). */
export const registryEventsModule = new ContainerModule((bind) => {
  bindService(bind, RESTStorageProviderKey)
    .toDynamicValue(({ container }) => {
      // ServerRunOptions is controlplane's type; this module reads its storage slice.
      const options = getOptionalService(container, ServerRunOptionsKey) as Partial<LegacyRESTStorageConfig> | undefined;
      return newEventsRESTStorageProvider(legacyConfigFrom(options).eventTTLSeconds);
    })
    .inSingletonScope();
});

export default registryEventsModule;
