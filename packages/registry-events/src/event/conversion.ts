import type { KObject, VersionConverter, J } from '@kapi/apiserver-core';

/** Drops what the client left out, so a field absent in one form stays absent in the other. */
function defined(o: J): J {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/**
 * events.k8s.io/v1 → core v1 (pkg/apis/events/v1/conversion.go): regarding is the involved object,
 * note the message, reportingController the reporting component; the deprecated fields are core's
 * source, first/last timestamps and count.
 */
export function eventToCore(e: KObject): KObject {
  return defined({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: e.metadata,
    involvedObject: e.regarding ?? {},
    reason: e.reason,
    message: e.note,
    source: e.deprecatedSource,
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    count: e.deprecatedCount,
    type: e.type,
    eventTime: e.eventTime,
    series: e.series,
    action: e.action,
    related: e.related,
    reportingComponent: e.reportingController,
    reportingInstance: e.reportingInstance,
  }) as KObject;
}

/** core v1 → events.k8s.io/v1: the same fields under their events.k8s.io names. */
export function eventFromCore(e: KObject): KObject {
  return defined({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: e.metadata,
    eventTime: e.eventTime ?? null,
    series: e.series,
    reportingController: e.reportingComponent,
    reportingInstance: e.reportingInstance,
    action: e.action,
    reason: e.reason,
    regarding: e.involvedObject,
    related: e.related,
    note: e.message,
    type: e.type,
    deprecatedSource: e.source,
    deprecatedFirstTimestamp: e.firstTimestamp,
    deprecatedLastTimestamp: e.lastTimestamp,
    deprecatedCount: e.count,
  }) as KObject;
}

/** events.k8s.io/v1 served from the core v1 Events the legacy group stores. */
export const eventsV1StoredAsCore: { group: string; version: string } & VersionConverter = {
  group: '',
  version: 'v1',
  toStorage: eventToCore,
  fromStorage: eventFromCore,
};
