import { parseGoDuration } from '@kapi/apiserver-core';

/** A duration as milliseconds: a number is taken as milliseconds, a string as Go writes it ("30s", "1h30m", "250ms"). */
export function durationMs(d: number | string): number {
  if (typeof d === 'number') {
    if (!Number.isFinite(d) || d < 0) throw new Error(`invalid duration ${d}: a duration is a finite number of milliseconds ≥ 0`);
    return d;
  }
  const ms = parseGoDuration(d);
  if (ms === undefined) throw new Error(`time: invalid duration "${d}"`);
  return ms;
}
