import { field, isDNS1123Subdomain, isQualifiedName, Path, semanticEqual, type ErrorList, type KObject, type J } from '@kapi/apiserver-core';

const reportingInstanceLengthLimit = 128;
const actionLengthLimit = 128;
const reasonLengthLimit = 128;
const noteLengthLimit = 1024;

const root = (name: string) => Path.root(name);

/**
 * legacyValidateEvent for an events.k8s.io request, on the stored core form (so the paths are
 * core's — message, involvedObject — except reportingController, as kube reports them): an event
 * with an eventTime names its reporter, instance, action and reason.
 */
function validateReporting(e: KObject): ErrorList {
  const errs: ErrorList = [];
  const ns = e.metadata?.namespace ?? '';
  const involved = (e.involvedObject ?? {}) as J;
  if (!e.eventTime) {
    const mismatch = involved.namespace ? ns !== involved.namespace : ns !== '' && ns !== 'default';
    if (mismatch) errs.push(field.invalid(root('involvedObject').child('namespace'), involved.namespace ?? '', 'does not match event.namespace'));
  } else {
    if (!involved.namespace && ns !== 'default' && ns !== 'kube-system') {
      errs.push(field.invalid(root('involvedObject').child('namespace'), '', 'does not match event.namespace'));
    }
    const controller = String(e.reportingComponent ?? '');
    if (!controller) errs.push(field.required(root('reportingController'), ''));
    for (const msg of isQualifiedName(controller)) errs.push(field.invalid(root('reportingController'), controller, msg));
    const limited: [string, number][] = [
      ['reportingInstance', reportingInstanceLengthLimit],
      ['action', actionLengthLimit],
      ['reason', reasonLengthLimit],
    ];
    for (const [name, limit] of limited) {
      const value = String(e[name] ?? '');
      if (!value) errs.push(field.required(root(name), ''));
      if (value.length > limit) errs.push(field.invalid(root(name), '', `can have at most ${limit} characters`));
    }
    if (String(e.message ?? '').length > noteLengthLimit) errs.push(field.invalid(root('message'), '', `can have at most ${noteLengthLimit} characters`));
  }
  for (const msg of isDNS1123Subdomain(ns)) errs.push(field.invalid(root('namespace'), ns, msg));
  return errs;
}

/** validateV1EventSeries: a series is two or more occurrences, the last one timed. */
function validateSeries(e: KObject): ErrorList {
  const series = e.series as J | undefined;
  if (!series) return [];
  const errs: ErrorList = [];
  if (!(series.count >= 2)) errs.push(field.invalid(root('series.count'), '', 'should be at least 2'));
  if (!series.lastObservedTime) errs.push(field.required(root('series.lastObservedTime'), ''));
  return errs;
}

/** ValidateEventCreate for events.k8s.io/v1: a new-style event has an eventTime and none of core's deprecated fields. */
export function validateEventCreate(e: KObject): ErrorList {
  const errs = [...validateReporting(e), ...validateSeries(e)];
  if (!e.eventTime) errs.push(field.required(root('eventTime'), ''));
  if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(field.invalid(root('type'), '', `has invalid value: ${e.type ?? ''}`));
  if (e.firstTimestamp) errs.push(field.invalid(root('firstTimestamp'), '', 'needs to be unset'));
  if (e.lastTimestamp) errs.push(field.invalid(root('lastTimestamp'), '', 'needs to be unset'));
  if (e.count) errs.push(field.invalid(root('count'), '', 'needs to be unset'));
  const source = (e.source ?? {}) as J;
  if (source.component || source.host) errs.push(field.invalid(root('source'), '', 'needs to be unset'));
  return errs;
}

/** The fields an events.k8s.io update may not change (only the series moves on). */
const immutable = ['involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'type', 'eventTime', 'action', 'related'];

/** ValidateEventUpdate for events.k8s.io/v1. */
export function validateEventUpdate(e: KObject, old: KObject): ErrorList {
  const errs = validateReporting(e);
  if (!semanticEqual(e.series ?? null, old.series ?? null)) errs.push(...validateSeries(e));
  for (const name of immutable) {
    if (!semanticEqual(e[name] ?? null, old[name] ?? null)) errs.push(field.invalid(root(name), e[name] ?? '', 'field is immutable'));
  }
  const reporters: [string, string][] = [
    ['reportingComponent', 'reportingController'],
    ['reportingInstance', 'reportingInstance'],
  ];
  for (const [stored, shown] of reporters) {
    if ((e[stored] ?? '') !== (old[stored] ?? '')) errs.push(field.invalid(root(shown), e[stored] ?? '', 'field is immutable'));
  }
  return errs;
}
