import { Store, type RESTOptionsGetter } from '@kapi/apiserver-core';
import { eventAttrs, eventStrategy } from './strategy';
import { eventTable } from './table';

export class EventREST extends Store {
  shortNames(): string[] {
    return ['ev'];
  }
}

/** eventstore.NewREST: every write (re)starts the event's time to live (--event-ttl). */
export function newEventREST(optsGetter: RESTOptionsGetter, ttlSeconds: number): EventREST {
  const resource = { group: '', resource: 'events' };
  return new EventREST({
    newFunc: () => ({ apiVersion: 'v1', kind: 'Event' }),
    newListFunc: () => ({ apiVersion: 'v1', kind: 'EventList', metadata: {}, items: [] }),
    defaultQualifiedResource: resource,
    singularQualifiedResource: { group: '', resource: 'event' },
    createStrategy: eventStrategy,
    updateStrategy: eventStrategy,
    deleteStrategy: eventStrategy,
    tableConvertor: eventTable,
    ttlFunc: () => (ttlSeconds > 0 ? ttlSeconds : undefined),
  }).completeWithOptions({ restOptions: optsGetter.getRESTOptions(resource), attrFunc: eventAttrs });
}
