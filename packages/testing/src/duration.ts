/** Go's time.ParseDuration units, as kube's flags and kubectl's --timeout write durations. */
const unitMs: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration as milliseconds: a number is taken as milliseconds, a string as Go writes it ("30s", "1h30m", "250ms"). */
export function durationMs(d: number | string): number {
  if (typeof d === 'number') {
    if (!Number.isFinite(d) || d < 0) throw new Error(`invalid duration ${d}: a duration is a finite number of milliseconds ≥ 0`);
    return d;
  }
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(d); m; m = re.exec(d)) {
    total += Number(m[1]) * unitMs[m[2]];
    matched = re.lastIndex;
  }
  if (d === '' || matched !== d.length) throw new Error(`time: invalid duration "${d}"`);
  return total;
}
