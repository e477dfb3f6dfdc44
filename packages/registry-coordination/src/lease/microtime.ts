/**
 * metav1.MicroTime as kube-apiserver writes it back: RFC 3339 in UTC with exactly six fractional
 * digits. A client may send fewer digits or an offset; the stored form is the canonical one, so a
 * read returns what client-go's leader election would have written.
 */
export function canonicalMicroTime(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i.exec(value);
  if (!m) return value;
  const [, base, frac = '', zone] = m;
  const ms = Date.parse(`${base}${zone.toUpperCase()}`);
  if (Number.isNaN(ms)) return value;
  const micros = frac.padEnd(6, '0').slice(0, 6);
  return `${new Date(ms).toISOString().slice(0, 19)}.${micros}Z`;
}
