/** Go-style durations as kube-apiserver flags take them: "5m0s", "1h", "300ms", "90s". */
export function parseDuration(value: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of value.matchAll(re)) {
    total += Number(m[1]) * units[m[2]];
    consumed += m[0].length;
  }
  if (consumed !== value.length || consumed === 0) throw new Error(`invalid duration ${JSON.stringify(value)}`);
  return total;
}
