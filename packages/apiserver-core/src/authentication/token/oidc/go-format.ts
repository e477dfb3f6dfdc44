/** time.Time's String() in UTC ("2026-12-03 07:00:00 +0000 UTC"), as kube's OIDC errors print times. */
export function goTime(d: Date): string {
  return `${d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')} +0000 UTC`;
}

/** %q of a string or []string. */
export function goQuote(v: string | readonly string[]): string {
  return typeof v === 'string' ? JSON.stringify(v) : `[${v.map((s) => JSON.stringify(s)).join(' ')}]`;
}
