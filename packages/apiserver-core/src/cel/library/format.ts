import type { CelEnvironment } from '../engine';

/**
 * `"...".format([args])` of cel-go's strings extension, the usual way messageExpressions build text:
 * %s, %d, %f/%.Nf, %e, %x/%X, %o, %b and %%.
 */
function formatOne(verb: string, precision: number | undefined, v: unknown): string {
  switch (verb) {
    case 's':
      return stringOf(v);
    case 'd':
      if (typeof v !== 'bigint' && !(typeof v === 'number' && Number.isInteger(v)))
        throw new Error(`error during formatting: decimal clause can only be used on integers, was given ${typeName(v)}`);
      return String(v);
    case 'f':
      return Number(v).toFixed(precision ?? 6);
    case 'e':
      return Number(v)
        .toExponential(precision ?? 6)
        .replace(/e([+-])(\d)$/, 'e$10$2');
    case 'x':
    case 'X': {
      const s = typeof v === 'string' ? Buffer.from(v).toString('hex') : BigInt(v as bigint).toString(16);
      return verb === 'X' ? s.toUpperCase() : s;
    }
    case 'o':
      return BigInt(v as bigint).toString(8);
    case 'b':
      return typeof v === 'boolean' ? String(v) : BigInt(v as bigint).toString(2);
    default:
      throw new Error(`could not parse formatting clause: unrecognized formatting clause "${verb}"`);
  }
}

function typeName(v: unknown): string {
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (Array.isArray(v)) return 'list';
  if (v === null) return 'null_type';
  return typeof v === 'object' ? 'map' : typeof v;
}

function stringOf(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stringOf).join(', ')}]`;
  if (v === null) return 'null';
  if (typeof v === 'object')
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${stringOf(k)}: ${stringOf(x)}`)
      .join(', ')}}`;
  return String(v);
}

export function registerFormat(env: CelEnvironment): void {
  env.registerFunction('string.format(list): string', (fmt: string, args: unknown[]) => {
    let i = 0;
    return fmt.replace(/%(?:\.(\d+))?([a-zA-Z%])/g, (_m, prec: string | undefined, verb: string) => {
      if (verb === '%') return '%';
      if (i >= args.length) throw new Error(`index ${i} out of range`);
      return formatOne(verb, prec === undefined ? undefined : Number(prec), args[i++]);
    });
  });
}
