import { ContainerModule } from 'inversify';
import { RESTStorageProvider, ServerRunOptions } from '@kapi/apiserver-core';
import { legacyConfigFrom, type LegacyRESTStorageConfig } from '@kapi/registry-core';
import { newEventsRESTStorageProvider } from './rest/storage-events';

/** events.k8s.io as a group module; its events live as long as core's (--event-ttl). */
export const registryEventsModule = new ContainerModule((bind) => {
  bind(RESTStorageProvider)
    .toDynamicValue(({ container }) => {
      const options = container.isBound(ServerRunOptions) ? container.get<Partial<LegacyRESTStorageConfig>>(ServerRunOptions) : undefined;
      return newEventsRESTStorageProvider(legacyConfigFrom(options).eventTTLSeconds);
    })
    .inSingletonScope();
});

export default registryEventsModule;
