/** strconv.Atoi's accepted form: an optional sign and decimal digits. */
const atoiRe = /^[+-]?[0-9]+$/;

/** strconv.Atoi: the integer, or undefined where Go reports a syntax (or range) error. */
export function atoi(s: string): number | undefined {
  if (!atoiRe.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}
