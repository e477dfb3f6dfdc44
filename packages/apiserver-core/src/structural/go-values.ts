/**
 * Values as Go's `%v` prints them, because kube-openapi builds its messages with fmt.Sprintf: a float64 of 1000000 reads
 * `1e+06`, an enum list reads `[a b c]`. Matching this keeps our 422 messages byte-for-byte kube's.
 */
export function goNumber(v: number, asInt: boolean): string {
  if (asInt && Number.isInteger(v)) return BigInt(v).toString();
  return goFloat(v);
}

/** `%v` of a float64: shortest digits, exponent form when the decimal exponent is < -4 or >= 6 (Go prints 1e+06). */
export function goFloat(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mant, expText] = v.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const e = String(Math.abs(exp)).padStart(2, '0');
    return `${mant}e${sign}${e}`;
  }
  return String(v);
}

/** `%v` of a decoded JSON value: strings bare, slices `[a b]`, maps `map[k:v]`. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goNumber(v, true);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${goValue(o[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}
