/** metav1.MicroTime's wire layout (RFC3339Micro), as Go's time package names it in errors. */
const layout = '2006-01-02T15:04:05.000000Z07:00';
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;
const zone = /^(Z|[+-]\d{2}:\d{2})/;

/**
 * Why kube-apiserver cannot decode a MicroTime: it parses exactly six fractional digits, so
 * "10:00:00Z" or "10:00:00.5Z" are refused (400), not rounded. The message is Go's time.Parse error
 * for the cases clients hit (fraction missing or of the wrong length, trailing text); other
 * malformed values are reported at the date, where Go would report them at the first bad field.
 */
export function microTimeParseError(value: string): string | undefined {
  const cannotParse = (rest: string, element: string) =>
    `parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(element)}`;
  if (!dateTime.test(value)) return cannotParse(value, '2006');
  const fraction = value.slice(19);
  if (!/^[.,]\d{6}/.test(fraction)) return cannotParse(fraction, '.000000');
  const rest = fraction.slice(7);
  const z = zone.exec(rest);
  if (!z) return cannotParse(rest, 'Z07:00');
  if (rest.length > z[0].length) return `parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(rest.slice(z[0].length))}`;
  return Number.isNaN(Date.parse(value.replace(',', '.'))) ? cannotParse(value, '2006') : undefined;
}

/** A MicroTime kube accepts, stored in UTC as it writes it back ("+01:00" becomes "Z"). */
export function canonicalMicroTime(value: string): string {
  if (microTimeParseError(value)) return value;
  const micros = value.slice(20, 26);
  return `${new Date(Date.parse(value.replace(',', '.'))).toISOString().slice(0, 19)}.${micros}Z`;
}
