import type { ResourceDefinition } from '@kapi/apiserver-core';
import { eventSchema } from './schema';
import { eventAttrs, eventStrategy } from './strategy';
import { eventTable } from './table';

/** v1 events (eventstore.NewREST): every write (re)starts the event's time to live (--event-ttl). */
export function eventDefinition(ttlSeconds: number): ResourceDefinition {
  return {
    group: '',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    scope: 'Namespaced',
    shortNames: ['ev'],
    strategy: eventStrategy,
    table: eventTable,
    schema: eventSchema,
    store: { ttlFunc: () => (ttlSeconds > 0 ? ttlSeconds : undefined) },
    storeOptions: { attrFunc: eventAttrs },
  };
}
