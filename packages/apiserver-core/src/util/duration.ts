/**
 * time.ParseDuration: a Go duration ("30s", "1m30s", "500ms", "2h", "0") as milliseconds, as clients
 * send ?timeout= and kube's configs and flags write them; undefined when it is not one.
 */
export function parseGoDuration(s: string): number | undefined {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  if (s === '0') return 0;
  let ms = 0;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return undefined;
    ms += Number(m[1]) * units[m[2]];
    pos = re.lastIndex;
  }
  return pos > 0 ? ms : undefined;
}
