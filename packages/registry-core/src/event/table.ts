import { humanDuration, ColumnTableConvertor, type KObject, type J } from '@kapi/apiserver-core';

function since(ts: unknown): string {
  return ts ? humanDuration(Date.now() - Date.parse(String(ts))) : '<unknown>';
}

function lastSeen(o: KObject): string {
  const series = o.series as J | undefined;
  return since(series?.lastObservedTime ?? o.lastTimestamp ?? o.eventTime ?? o.metadata?.creationTimestamp);
}

function objectCell(o: KObject): string {
  const io = (o.involvedObject ?? {}) as J;
  return `${String(io.kind ?? '').toLowerCase()}/${io.name ?? ''}`;
}

function source(o: KObject): string {
  const src = (o.source ?? {}) as J;
  const comp = src.component || o.reportingComponent || '';
  return src.host ? `${comp}, ${src.host}` : String(comp);
}

/** kubectl get events: LAST SEEN TYPE REASON OBJECT MESSAGE (printEvent). */
export const eventTable = new ColumnTableConvertor([
  { name: 'Last Seen', description: 'Time when last this event was observed.', cell: lastSeen },
  { name: 'Type', description: 'Type of this event (Normal, Warning), new types could be added in the future.', cell: (o) => String(o.type ?? '') },
  {
    name: 'Reason',
    description: "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    cell: (o) => String(o.reason ?? ''),
  },
  { name: 'Object', description: 'The object that this event is about.', cell: objectCell },
  { name: 'Subobject', priority: 1, description: 'The field of the object this event is about.', cell: (o) => String((o.involvedObject as J | undefined)?.fieldPath ?? '') },
  { name: 'Source', priority: 1, description: 'The component reporting this event.', cell: source },
  { name: 'Message', description: 'A human-readable description of the status of this operation.', cell: (o) => String(o.message ?? '').trim() },
  {
    name: 'First Seen',
    priority: 1,
    description: 'The time at which the event was first recorded.',
    cell: (o) => since(o.firstTimestamp ?? o.eventTime ?? o.metadata?.creationTimestamp),
  },
  { name: 'Count', priority: 1, description: 'The number of times this event has occurred.', cell: (o) => String((o.series as J | undefined)?.count ?? o.count ?? 1) },
  { name: 'Name', priority: 1, format: 'name', description: 'Name must be unique within a namespace.', cell: (o) => o.metadata?.name ?? '' },
]);
