import { atoi } from '../common/go-atoi';
import { timeZoneError } from './time-zone';

/**
 * The schedule parser CronJobs are validated with (robfig/cron v3's standard parser: five fields or
 * a descriptor, an optional TZ=/CRON_TZ= prefix). It only checks: returns the error text kube-apiserver
 * puts in "spec.schedule: Invalid value", or undefined for a valid schedule.
 */
export function scheduleError(spec: string): string | undefined {
  if (spec.length === 0) return 'empty spec string';
  let rest = spec;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const space = rest.indexOf(' ');
    const zone = rest.slice(rest.indexOf('=') + 1, space < 0 ? undefined : space);
    const zoneErr = timeZoneError(zone);
    if (zoneErr) return `provided bad location ${zone}: ${zoneErr}`;
    rest = space < 0 ? '' : rest.slice(space).trim();
  }
  if (rest.startsWith('@')) return descriptorError(rest);
  const fields = rest.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (let i = 0; i < 5; i++) {
    const err = fieldError(fields[i], fieldBounds[i]);
    if (err) return err;
  }
  return undefined;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** minute, hour, day of month, month, day of week. */
const fieldBounds: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: Object.fromEntries(monthNames.map((n, i) => [n, i + 1])) },
  { min: 0, max: 6, names: Object.fromEntries(dayNames.map((n, i) => [n, i])) },
];

const descriptors = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const every = '@every ';

function descriptorError(descriptor: string): string | undefined {
  if (descriptors.includes(descriptor)) return undefined;
  if (descriptor.startsWith(every)) {
    const err = goDurationError(descriptor.slice(every.length));
    return err ? `failed to parse duration ${descriptor}: ${err}` : undefined;
  }
  return `unrecognized descriptor: ${descriptor}`;
}

const goDurationRe = /^[-+]?((\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h))+$/;

/** time.ParseDuration's error for what it refuses. */
function goDurationError(text: string): string | undefined {
  if (text === '0' || goDurationRe.test(text)) return undefined;
  const quoted = JSON.stringify(text);
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(text) ? `time: missing unit in duration ${quoted}` : `time: invalid duration ${quoted}`;
}

/** A field is a comma-separated list of ranges. */
function fieldError(field: string, bounds: Bounds): string | undefined {
  for (const expr of field.split(',').filter((e) => e !== '')) {
    const err = rangeError(expr, bounds);
    if (err) return err;
  }
  return undefined;
}

/** `*`, `?`, `n`, `a-b`, each with an optional `/step`. */
function rangeError(expr: string, bounds: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    [start, end] = [bounds.min, bounds.max];
  } else {
    const low = intOrName(lowAndHigh[0], bounds.names);
    if (typeof low === 'string') return low;
    start = end = low;
    if (lowAndHigh.length === 2) {
      const high = intOrName(lowAndHigh[1], bounds.names);
      if (typeof high === 'string') return high;
      end = high;
    } else if (lowAndHigh.length > 2) return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const s = nonNegativeInt(rangeAndStep[1]);
    if (typeof s === 'string') return s;
    step = s;
    if (lowAndHigh.length === 1) end = bounds.max;
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < bounds.min) return `beginning of range (${start}) below minimum (${bounds.min}): ${expr}`;
  if (end > bounds.max) return `end of range (${end}) above maximum (${bounds.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

function intOrName(expr: string, names: Record<string, number> | undefined): number | string {
  const named = names?.[expr.toLowerCase()];
  return named ?? nonNegativeInt(expr);
}

/** mustParseInt: the number, or its error text. */
function nonNegativeInt(expr: string): number | string {
  const n = atoi(expr);
  if (n === undefined) {
    const why = /^[+-]?[0-9]+$/.test(expr) ? 'value out of range' : 'invalid syntax';
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: ${why}`;
  }
  if (n < 0) return `negative number (${n}) not allowed: ${expr}`;
  return n;
}
