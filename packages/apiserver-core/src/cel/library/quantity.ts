import type { CelEnvironment } from '../engine';

/**
 * Kubernetes' CEL quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go) over resource.Quantity's syntax:
 * `500m`, `1.5Gi`, `2e3`. Values are kept as exact fractions of BigInts, so comparisons never round.
 */
const quantityRe = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const parseError = `quantities must match the regular expression '${quantityRe.source}'`;

const binary: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const decimal: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

export class Quantity {
  /** The value is num / den, den > 0. */
  constructor(
    readonly num: bigint,
    readonly den: bigint,
    readonly text: string,
  ) {}

  compare(o: Quantity): number {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
}

const pow10 = (e: number): bigint => 10n ** BigInt(e);

export function parseQuantity(s: string): Quantity | undefined {
  const m = quantityRe.exec(s);
  if (!m || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(m[1])) return undefined;
  const [intPart, frac = ''] = m[1].replace(/^[+-]/, '').split('.');
  let num = BigInt((intPart || '0') + frac) * (m[1].startsWith('-') ? -1n : 1n);
  let den = pow10(frac.length);
  const suffix = m[2];
  if (suffix in binary) num *= binary[suffix];
  else if (suffix in decimal) {
    const e = decimal[suffix];
    if (e >= 0) num *= pow10(e);
    else den *= pow10(-e);
  } else if (/^[eE][-+]?\d+$/.test(suffix)) {
    const e = Number(suffix.slice(1));
    if (e >= 0) num *= pow10(e);
    else den *= pow10(-e);
  } else return undefined;
  return new Quantity(num, den, s);
}

function quantity(s: string): Quantity {
  const q = parseQuantity(s);
  if (!q) throw new Error(parseError);
  return q;
}

const fromInt = (i: bigint) => new Quantity(i, 1n, i.toString());
const plus = (a: Quantity, b: Quantity, sign: bigint) => {
  const num = a.num * b.den + sign * b.num * a.den;
  const den = a.den * b.den;
  return new Quantity(num, den, formatValue(num, den));
};

function formatValue(num: bigint, den: bigint): string {
  if (num % den === 0n) return (num / den).toString();
  return String(Number(num) / Number(den));
}

export function registerQuantity(env: CelEnvironment): void {
  env.registerType('Quantity', Quantity);
  env.registerFunction('quantity(string): Quantity', quantity);
  env.registerFunction('isQuantity(string): bool', (s: string) => parseQuantity(s) !== undefined);
  env.registerFunction('Quantity.sign(): int', (q: Quantity) => BigInt(Math.sign(Number(q.num))));
  env.registerFunction('Quantity.isInteger(): bool', (q: Quantity) => q.num % q.den === 0n);
  env.registerFunction('Quantity.asInteger(): int', (q: Quantity) => {
    if (q.num % q.den !== 0n) throw new Error('cannot convert value to integer');
    const v = q.num / q.den;
    if (v > 9223372036854775807n || v < -9223372036854775808n) throw new Error('cannot convert value to integer');
    return v;
  });
  env.registerFunction('Quantity.asApproximateFloat(): double', (q: Quantity) => Number(q.num) / Number(q.den));
  env.registerFunction('Quantity.compareTo(Quantity): int', (a: Quantity, b: Quantity) => BigInt(a.compare(b)));
  env.registerFunction('Quantity.isGreaterThan(Quantity): bool', (a: Quantity, b: Quantity) => a.compare(b) > 0);
  env.registerFunction('Quantity.isLessThan(Quantity): bool', (a: Quantity, b: Quantity) => a.compare(b) < 0);
  env.registerFunction('Quantity.add(Quantity): Quantity', (a: Quantity, b: Quantity) => plus(a, b, 1n));
  env.registerFunction('Quantity.add(int): Quantity', (a: Quantity, b: bigint) => plus(a, fromInt(b), 1n));
  env.registerFunction('Quantity.sub(Quantity): Quantity', (a: Quantity, b: Quantity) => plus(a, b, -1n));
  env.registerFunction('Quantity.sub(int): Quantity', (a: Quantity, b: bigint) => plus(a, fromInt(b), -1n));
  env.registerOperator('Quantity == Quantity', (a: Quantity, b: Quantity) => a.compare(b) === 0);
}
