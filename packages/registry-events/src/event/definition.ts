import type { Attrs, KObject, ResourceDefinition } from '@kapi/apiserver-core';
import { eventAttrs, eventTable } from '@kapi/registry-core';
import { eventsV1StoredAsCore } from './conversion';
import { eventStrategy } from './strategy';

/** The field selectors events.k8s.io accepts, under its own names, beside core's (AddFieldLabelConversionsForEvent). */
function eventsAttrs(obj: KObject): Attrs {
  const attrs = eventAttrs(obj);
  const f = attrs.fields;
  for (const key of ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath']) f[`regarding.${key}`] = f[`involvedObject.${key}`];
  f.reportingController = f.reportingComponent;
  return attrs;
}

/**
 * events.k8s.io/v1 events: the core v1 events' storage seen in the events.k8s.io form, with their
 * time to live (--event-ttl) restarted by every write.
 */
export function eventDefinition(ttlSeconds: number): ResourceDefinition {
  return {
    group: 'events.k8s.io',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    scope: 'Namespaced',
    shortNames: ['ev'],
    strategy: eventStrategy,
    table: eventTable,
    storageResource: { group: '', resource: 'events' },
    storedAs: eventsV1StoredAsCore,
    store: { ttlFunc: () => (ttlSeconds > 0 ? ttlSeconds : undefined) },
    storeOptions: { attrFunc: eventsAttrs },
  };
}
