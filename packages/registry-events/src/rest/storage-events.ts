import { newRESTStorageProviderFor, type DefinedGroupRESTStorageProvider } from '@kapi/apiserver-core';
import { eventDefinition } from '../event/definition';

/** events.k8s.io (pkg/registry/events/rest/storage_events.go): v1 events over core's event storage. */
export function newEventsRESTStorageProvider(eventTTLSeconds: number): DefinedGroupRESTStorageProvider {
  return newRESTStorageProviderFor({ group: 'events.k8s.io', versions: ['v1'], resources: [eventDefinition(eventTTLSeconds)] });
}
